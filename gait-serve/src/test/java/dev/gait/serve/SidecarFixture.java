package dev.gait.serve;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeySource;
import dev.gait.serve.fleet.FleetOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A real sidecar on an ephemeral loopback port, its files in a temporary directory, and a real HTTP client. */
final class SidecarFixture implements AutoCloseable {
    static final String POLICY = """
            default_verdict: block
            rules:
              - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [tool.read]}}
              - {name: block-delete, priority: 10, effect: block, match: {tool_names: [tool.delete]}, reason_codes: [destructive]}
              - {name: review-write, priority: 10, effect: require_approval, match: {tool_names: [tool.write]}, reason_codes: [needs_review]}
              - {name: delegated-deploy, priority: 10, effect: allow, match: {tool_names: [tool.deploy], require_delegation: true, allowed_delegator_identities: [manager], delegation_scopes: [deploy]}}
            """;

    final Path dir;
    final Path policy;
    final Path key;
    final Ed25519KeyPair keyPair;
    final Sidecar sidecar;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A sidecar over {@link #POLICY} with default options, adjusted by {@code options}. */
    SidecarFixture(Path dir, UnaryOperator<SidecarOptions> options) {
        this(dir, options, null);
    }

    /** A sidecar that takes its state from a fleet control plane ({@code fleet}), or from {@link #POLICY} when null. */
    SidecarFixture(Path dir, UnaryOperator<SidecarOptions> options, FleetOptions fleet) {
        this.dir = dir;
        this.policy = write("policy.yaml", POLICY);
        this.keyPair = Ed25519KeyPair.generate(new SecureRandom());
        this.key = write("trace.key", GoKeyText.encode(keyPair.goPrivateKey()));
        this.sidecar = Sidecar.start(options.apply(defaults(dir, policy, key)), fleet,
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    SidecarFixture(Path dir) {
        this(dir, o -> o);
    }

    static SidecarOptions defaults(Path dir, Path policy, Path key) {
        return new SidecarOptions("127.0.0.1", 0, policy, new KeySource.FileSource(key), null, dir.resolve("traces"), null, Duration.ZERO,
                dir.resolve("rate_limits.json"), null, 1 << 20, 0, Duration.ofMillis(100), Duration.ofSeconds(1), "0123456789abcdef01234567",
                dir.resolve("audits"), Decider.TokenKeys.SIGNING_KEY);
    }

    static SidecarOptions withToken(SidecarOptions o, String host, String token) {
        return new SidecarOptions(host, o.port(), o.policy(), o.key(), o.killSwitch(), o.traceDir(), o.traceLog(), o.traceLogSync(), o.rateLimitState(),
                token, o.maxBodyBytes(), o.maxRequestsPerSecond(), o.settle(), o.poll(), o.correlationId(), o.auditDir(), o.tokenKeys());
    }

    static SidecarOptions withLimits(SidecarOptions o, int maxBodyBytes, long maxRps) {
        return new SidecarOptions(o.host(), o.port(), o.policy(), o.key(), o.killSwitch(), o.traceDir(), o.traceLog(), o.traceLogSync(), o.rateLimitState(),
                o.authToken(), maxBodyBytes, maxRps, o.settle(), o.poll(), o.correlationId(), o.auditDir(), o.tokenKeys());
    }

    static SidecarOptions withFiles(SidecarOptions o, Path killSwitch, Path traceLog, Duration traceLogSync, Duration settle) {
        return new SidecarOptions(o.host(), o.port(), o.policy(), o.key(), killSwitch, o.traceDir(), traceLog, traceLogSync, o.rateLimitState(),
                o.authToken(), o.maxBodyBytes(), o.maxRequestsPerSecond(), settle, o.poll(), o.correlationId(), o.auditDir(), o.tokenKeys());
    }

    Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An intent for a tool with one path target, from the identity "agent". */
    static String intent(String tool) {
        return "{\"tool_name\":\"" + tool + "\",\"args\":{\"path\":\"/tmp/a\"},"
                + "\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/a\",\"operation\":\"read\"}],"
                + "\"context\":{\"identity\":\"agent\",\"workspace\":\"/repo\",\"risk_class\":\"low\"}}";
    }

    /** An AuthZEN evaluation for a tool by the subject "agent". */
    static String evaluation(String tool) {
        return "{\"subject\":{\"type\":\"agent\",\"id\":\"agent\"},\"action\":{\"name\":\"" + tool + "\"},"
                + "\"resource\":{\"type\":\"path\",\"id\":\"/tmp/a\",\"properties\":{\"operation\":\"read\"}},"
                + "\"context\":{\"workspace\":\"/repo\",\"risk_class\":\"low\"}}";
    }

    /** A JSON POST; {@link #postAs} sends another content type. */
    HttpResponse<String> post(String path, String body, String... headers) {
        return postAs("application/json", path, body, headers);
    }

    HttpResponse<String> postAs(String contentType, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    JsonObject postJson(String path, String body) {
        return json(post(path, body));
    }

    static JsonObject json(HttpResponse<String> response) {
        return JsonReader.strict().readObject(response.body().getBytes(StandardCharsets.UTF_8));
    }

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Requests go to loopback whatever address the sidecar listens on. */
    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sidecar.url().getPort()).resolve(path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sidecar.close();
        client.close();
    }
}
