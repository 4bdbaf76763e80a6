package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.KeySource;
import dev.gait.serve.Decider;
import dev.gait.serve.Sidecar;
import dev.gait.serve.SidecarOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gait serve}: its flag checks, and that the sidecar answers with exactly what {@code gate eval --json} prints. */
class ServeCommandTest {
    private static final String POLICY = """
            default_verdict: block
            rules:
              - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [tool.read]}}
              - {name: review-write, priority: 10, effect: require_approval, match: {tool_names: [tool.write]}, reason_codes: [needs_review]}
            """;

    @TempDir
    Path dir;

    private CliRunner cli(Map<String, String> env) {
        return new CliRunner(dir, env, Clock.systemUTC());
    }

    @Test
    void a_non_loopback_listen_address_without_a_token_is_exit_6_before_binding() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        CliRunner.Result result = cli(Map.of("GAIT_HOME", dir.resolve("home").toString()))
                .run("serve", "--policy", "policy.yaml", "--listen", "0.0.0.0:0", "--json");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.json().string("error").orElseThrow()).contains("not a loopback address").contains("--auth-token-env");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--listen=8787", "--listen=host:port", "--listen=127.0.0.1:70000", "--reload-settle=0s", "--max-rps=-1",
            "--auth-token-env=UNSET_TOKEN_VARIABLE", "--max-body-bytes=0", "--trace-log-sync=sometimes"})
    void bad_flags_are_exit_6(String flag) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        CliRunner.Result result = cli(Map.of()).run("serve", "--policy", "policy.yaml", flag, "--json");
        assertThat(result.exitCode()).as(flag).isEqualTo(6);
    }

    @Test
    void a_broken_policy_at_start_is_exit_6() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), "rules: [");
        CliRunner.Result result = cli(Map.of("GAIT_HOME", dir.resolve("home").toString()))
                .run("serve", "--policy", "policy.yaml", "--json");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(cli(Map.of()).run("serve", "--json").json().string("error")).contains("missing required --policy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tool.read", "tool.write", "tool.delete"})
    void the_native_endpoint_answers_what_gate_eval_json_prints(String tool) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        String intent = "{\"tool_name\":\"" + tool + "\",\"args\":{\"path\":\"/tmp/a\"},"
                + "\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/a\",\"operation\":\"read\"}],"
                + "\"context\":{\"identity\":\"agent\",\"workspace\":\"/repo\",\"risk_class\":\"low\"}}";
        Files.writeString(dir.resolve("intent.json"), intent);
        assertThat(cli(Map.of()).run("keys", "init", "--out-dir", "keys").exitCode()).isZero();
        JsonObject cli = cli(Map.of()).run("gate", "eval", "--policy", "policy.yaml", "--intent", "intent.json",
                "--private-key", "keys/gait_private.key", "--trace-out", "cli_trace.json", "--json").json();
        assertServedLikeCli(intent, cli);
    }

    @Test
    void an_approval_token_in_the_request_decides_as_gate_eval_approval_token_does() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), POLICY);
        String intent = "{\"tool_name\":\"tool.write\",\"args\":{\"path\":\"/tmp/a\"},"
                + "\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/a\",\"operation\":\"write\"}],"
                + "\"context\":{\"identity\":\"agent\",\"workspace\":\"/repo\",\"risk_class\":\"low\"}}";
        Files.writeString(dir.resolve("intent.json"), intent);
        assertThat(cli(Map.of()).run("keys", "init", "--out-dir", "keys").exitCode()).isZero();
        String[] eval = {"gate", "eval", "--policy", "policy.yaml", "--intent", "intent.json", "--private-key", "keys/gait_private.key",
                "--trace-out", "cli_trace.json", "--json"};
        JsonObject pending = cli(Map.of()).run(eval).json();
        assertThat(cli(Map.of()).run("approve", "--intent-digest", pending.string("intent_digest").orElseThrow(),
                "--policy-digest", pending.string("policy_digest").orElseThrow(), "--scope", "tool:tool.write", "--approver", "alice",
                "--reason-code", "CHG-1", "--ttl", "15m", "--private-key", "keys/gait_private.key", "--out", "token.json").exitCode()).isZero();
        JsonObject approved = cli(Map.of()).run(Stream.concat(Arrays.stream(eval),
                Stream.of("--approval-token", "token.json")).toArray(String[]::new)).json();
        assertThat(approved.string("verdict")).contains("allow");

        String withToken = intent.substring(0, intent.length() - 1) + ",\"approval_tokens\":[" + Files.readString(dir.resolve("token.json")) + "]}";
        JsonObject served = assertServedLikeCli(withToken, approved);
        assertThat(Files.readString(Path.of(served.string("approval_audit_path").orElseThrow())))
                .as("the same audit record but for the trace's event")
                .contains(approved.string("approval_ref").orElseThrow()).contains("\"approved\": true");
    }

    /** Posts the body to a sidecar on the same policy and key; its answer is the CLI's document but for where the records went. */
    private JsonObject assertServedLikeCli(String body, JsonObject cli) throws Exception {
        SidecarOptions options = new SidecarOptions("127.0.0.1", 0, dir.resolve("policy.yaml"),
                new KeySource.FileSource(dir.resolve("keys/gait_private.key")), null, dir.resolve("traces"), null, Duration.ZERO,
                dir.resolve(".gait-out/gate_rate_limits.json"), null, 1 << 20, 0, Duration.ofMillis(10), Duration.ofSeconds(1),
                cli.string("correlation_id").orElseThrow(), dir.resolve("audits"), Decider.TokenKeys.SIGNING_KEY);
        try (Sidecar sidecar = Sidecar.start(options, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
             HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(sidecar.url() + "/v1/gate/evaluate"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject served = JsonReader.strict().readObject(response.body().getBytes(StandardCharsets.UTF_8));
            String servedTrace = served.string("trace_path").orElseThrow();
            assertThat(Path.of(servedTrace).getParent()).isEqualTo(dir.resolve("traces"));
            assertThat(Path.of(servedTrace).getFileName().toString()).startsWith("trace_" + cli.string("trace_id").orElseThrow() + "_");
            // the same document, member for member, but for where the trace and the approval audit record went
            assertThat(served.has("approval_audit_path")).isEqualTo(cli.has("approval_audit_path"));
            assertThat(served.without("trace_path").without("approval_audit_path"))
                    .isEqualTo(cli.without("trace_path").without("approval_audit_path"));
            assertThat(List.of(Files.exists(Path.of(servedTrace)), Files.exists(dir.resolve("cli_trace.json")))).containsOnly(true);
            return served;
        }
    }
}
