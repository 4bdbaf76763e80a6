package dev.gait.fleet.e2e;

import static dev.gait.fleet.FleetClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.bundle.FleetRelease;
import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeySource;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signer;
import dev.gait.fleet.FleetClient;
import dev.gait.fleet.FleetStorage;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.config.FleetConfig;
import dev.gait.fleet.control.ControlPlane;
import dev.gait.fleet.control.ControlPlaneKey;
import dev.gait.fleet.http.FleetOptions;
import dev.gait.fleet.http.FleetServer;
import dev.gait.fleet.ingest.Artifacts;
import dev.gait.fleet.registry.Promotion;
import dev.gait.fleet.registry.PromotionRequest;
import dev.gait.fleet.registry.Rollout;
import dev.gait.fleet.tenancy.Bootstrap;
import dev.gait.serve.Decider;
import dev.gait.serve.Sidecar;
import dev.gait.serve.SidecarOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance scenario of the control plane, end to end over real HTTP: a control plane on a
 * real store and real sidecars following it in two environments. Subclasses choose the store.
 */
abstract class FleetEndToEndTest {
    /** P1: reads are allowed. */
    static final String P1 = """
            default_verdict: block
            rules:
              - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [tool.read]}}
            """;
    /** P2: everything is blocked. */
    static final String P2 = "default_verdict: block\n";
    private static final String READ = "{\"tool_name\":\"tool.read\",\"args\":{\"path\":\"/tmp/a\"},"
            + "\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/a\",\"operation\":\"read\"}],"
            + "\"context\":{\"identity\":\"agent\",\"workspace\":\"/repo\",\"risk_class\":\"low\"}}";

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final FleetClient client = new FleetClient(() -> this.server.url());
    final List<AutoCloseable> running = new ArrayList<>();
    FleetStorage storage;
    FleetServer server;
    String org;
    String admin;

    /** The store configuration: the data directory, and a database for the PostgreSQL runs. */
    abstract FleetConfig config(Path dataDir) throws Exception;

    @BeforeEach
    void startControlPlane() throws Exception {
        storage = FleetStorage.open(config(dir.resolve("control-plane")), Clock.systemUTC());
        Bootstrap bootstrap = storage.store().tenancy().bootstrap("acme", "admin@acme.example");
        org = bootstrap.organization().id();
        admin = bootstrap.adminToken().token();
        server = startServer(storage);
    }

    FleetServer startServer(FleetStorage on) {
        ControlPlane control = new ControlPlane(on.store(), on.artifacts(), ControlPlaneKey.loadOrCreate(dir.resolve("control-plane")),
                List.of(Artifacts.KEY.publicKey()), Clock.systemUTC());
        FleetServer started = FleetServer.start(FleetOptions.defaults().withListen("127.0.0.1", 0), control);
        running.add(started);
        return started;
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : running.reversed()) {
            closeable.close();
        }
        storage.close();
    }

    @Test
    void promotions_reach_their_environment_only_bad_bundles_are_refused_and_sidecars_outlive_the_control_plane() throws Exception {
        String envA = environment("a");
        String envB = environment("b");
        Point pointA = register(envA, "sidecar-a");
        Point pointB = register(envB, "sidecar-b");
        String p1 = publish(P1, "1.0.0");
        String p2 = publish(P2, "2.0.0");
        promote(envA, p1);
        promote(envB, p1);
        FleetSidecar a = sidecar(envA, pointA, "a");
        FleetSidecar b = sidecar(envB, pointB, "b");
        await("both sidecars enforce P1", () -> a.verdict().equals("allow") && b.verdict().equals("allow"));

        // A promotion to A changes A's next decision within 2 seconds (long poll), and leaves B alone.
        long promoted = System.nanoTime();
        promote(envA, p2);
        while (a.verdict().equals("allow") && System.nanoTime() - promoted < Duration.ofSeconds(2).toNanos()) {
            Thread.sleep(20);
        }
        Duration propagation = Duration.ofNanos(System.nanoTime() - promoted);
        assertThat(a.verdict()).as("A's decision after promoting P2 (%s ms)", propagation.toMillis()).isEqualTo("block");
        assertThat(propagation).isLessThan(Duration.ofSeconds(2));
        System.out.println(getClass().getSimpleName() + ": the promotion changed A's decisions after " + propagation.toMillis() + " ms");
        assertThat(b.verdict()).isEqualTo("allow");

        // A bundle with a broken signature reaches A through the store and is refused: A keeps P2.
        serveBundleWithBrokenSignature(envA, p1);
        await("A refuses the bundle", () -> a.log().contains("refused fleet bundle"));
        assertThat(a.verdict()).isEqualTo("block");
        assertThat(b.verdict()).isEqualTo("allow");

        // With the control plane stopped, both keep enforcing what they had.
        server.close();
        assertThat(a.verdict()).isEqualTo("block");
        assertThat(b.verdict()).isEqualTo("allow");

        // A fresh sidecar that never received a bundle blocks every call.
        FleetSidecar fresh = sidecar(envB, pointB, "fresh");
        JsonObject blocked = fresh.decide();
        assertThat(blocked.string("verdict")).contains("block");
        assertThat(blocked.array("reason_codes")).contains(JsonArray.ofStrings(List.of("fleet_bundle_unavailable")));
    }

    @Test
    void a_tampered_runpack_is_rejected_with_a_reason_and_a_good_one_is_found_by_its_run_id() throws Exception {
        Point point = register(environment("a"), "sidecar-a");

        String artifacts = "/v1/orgs/" + org + "/artifacts";
        JsonObject tampered = json(client.upload(artifacts, point.token(), Artifacts.tamperedRunpack()), 422);
        assertThat(tampered.object("error").orElseThrow().string("reason")).contains("tampered");

        JsonObject good = json(client.upload(artifacts, point.token(), Artifacts.signedRunpack()), 201);
        String runId = good.object("artifact").orElseThrow().string("run_id").orElseThrow();
        List<JsonValue> found = json(client.get("/v1/orgs/" + org + "/artifacts?run_id=" + runId, admin, null), 200).array("artifacts").orElseThrow().elements();
        assertThat(found).hasSize(1);
        assertThat(((JsonObject) found.getFirst()).string("digest")).isEqualTo(good.object("artifact").orElseThrow().string("digest"));
    }

    /**
     * Writes a bundle for P1 with the next sequence whose signature does not verify (signed by a key
     * the sidecars do not trust) into the store, as a tampered database would hold it; the control
     * plane picks it up like any promotion and serves it.
     */
    private void serveBundleWithBrokenSignature(String environment, String release) throws Exception {
        Principal principal = storage.store().credentials().authenticate(admin).orElseThrow();
        long sequence = storage.store().registry().history(principal, environment).getFirst().sequence() + 1;
        Signer rogue = new LocalSigner(Ed25519KeyPair.generate(new SecureRandom()));
        FleetRelease.Verified verified = FleetRelease.verify(storage.store().registry().document(principal, release).orElseThrow(),
                List.of(ControlPlaneKey.loadOrCreate(dir.resolve("control-plane")).publicKey()));
        byte[] bundle = FleetBundle.sign(FleetBundle.Draft.promotion(org, environment, sequence, verified, List.of(), OffsetDateTime.now()), rogue);
        storage.store().registry().promote(principal, new PromotionRequest(environment, sequence, Promotion.Action.PROMOTE, release, bundle,
                Rollout.ALL));
    }

    // --- the control plane's API ---

    record Point(String id, String token) {}

    String environment(String name) throws Exception {
        return json(post("/v1/orgs/" + org + "/environments", "{\"name\":\"" + name + "\"}"), 201).object("environment").orElseThrow()
                .string("id").orElseThrow();
    }

    Point register(String environment, String name) throws Exception {
        JsonObject point = json(post("/v1/orgs/" + org + "/environments/" + environment + "/points", "{\"name\":\"" + name + "\"}"), 201)
                .object("point").orElseThrow();
        return new Point(point.string("id").orElseThrow(), point.string("token").orElseThrow());
    }

    String publish(String policy, String version) throws Exception {
        String body = Jcs.canonicalString(JsonObject.builder().put("policy_yaml", policy).put("source", "git:e2e").build());
        return json(post("/v1/orgs/" + org + "/releases?name=base&version=" + version, body), 201).object("release").orElseThrow()
                .string("release_digest").orElseThrow();
    }

    void promote(String environment, String release) throws Exception {
        json(post("/v1/orgs/" + org + "/environments/" + environment + "/promotions", "{\"release_digest\":\"" + release + "\"}"), 201);
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.post(path, admin, body);
    }

    // --- sidecars ---

    /** A real sidecar following the control plane, with its log. */
    final class FleetSidecar implements AutoCloseable {
        private final Sidecar sidecar;
        private final ByteArrayOutputStream log = new ByteArrayOutputStream();

        FleetSidecar(URI controlPlane, String environment, Point point, String name) throws IOException {
            Path home = Files.createDirectories(dir.resolve("sidecar-" + name));
            Path key = Files.writeString(home.resolve("trace.key"),
                    GoKeyText.encode(Ed25519KeyPair.generate(new SecureRandom()).goPrivateKey()));
            SidecarOptions options = new SidecarOptions("127.0.0.1", 0, null, new KeySource.FileSource(key), null, home.resolve("traces"), null,
                    Duration.ZERO, home.resolve("rate_limits.json"), null, 1 << 20, 0, Duration.ofMillis(100), Duration.ofSeconds(1),
                    "0123456789abcdef01234567", home.resolve("audits"), Decider.TokenKeys.SIGNING_KEY);
            dev.gait.serve.fleet.FleetOptions fleet = new dev.gait.serve.fleet.FleetOptions(controlPlane, org, environment, point.token(),
                    List.of(ControlPlaneKey.loadOrCreate(dir.resolve("control-plane")).publicKey()), home.resolve("cache"), Duration.ofSeconds(30),
                    point.id());
            this.sidecar = Sidecar.start(options, fleet, new PrintStream(log, true, StandardCharsets.UTF_8));
        }

        JsonObject decide() throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(sidecar.url().resolve("/v1/gate/evaluate"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(READ)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return json(response, 200);
        }

        String verdict() throws IOException, InterruptedException {
            return decide().string("verdict").orElseThrow();
        }

        String log() {
            return log.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            sidecar.close();
        }
    }

    FleetSidecar sidecar(String environment, Point point, String name) throws IOException {
        return sidecarOn(server.url(), environment, point, name);
    }

    FleetSidecar sidecarOn(URI controlPlane, String environment, Point point, String name) throws IOException {
        FleetSidecar sidecar = new FleetSidecar(controlPlane, environment, point, name);
        running.add(sidecar);
        return sidecar;
    }

    /** Waits (at most 30 s) for a condition that only time makes true; the scenario's own deadlines are asserted separately. */
    static void await(String what, Check condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }
}
