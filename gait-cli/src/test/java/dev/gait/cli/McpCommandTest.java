package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.GoKeyText;
import dev.gait.testkit.mcp.NotesMcpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gait mcp proxy|verify} from the command line, with a real MCP server process. */
class McpCommandTest {
    @TempDir
    Path dir;

    private CliRunner cli;
    private Path counters;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.systemUTC());
        counters = Files.createDirectories(dir.resolve("counters"));
        Files.writeString(dir.resolve("policy.yaml"), """
                default_verdict: block
                rules:
                  - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [read_note]}}
                """);
        Files.writeString(dir.resolve("trace.key"), GoKeyText.encode(Ed25519KeyPair.generate(new SecureRandom()).goPrivateKey()));
    }

    private static String[] args(List<String> head, List<String> server) {
        List<String> all = new ArrayList<>(head);
        all.add("--");
        all.addAll(server);
        return all.toArray(String[]::new);
    }

    @Test
    void verify_writes_a_deterministic_snapshot_and_reports_a_changed_tool_with_exit_2() throws Exception {
        CliRunner.Result written = cli.run(args(List.of("mcp", "verify", "--snapshot", "trust.json", "--write-snapshot"),
                NotesMcpServer.command(counters)));
        assertThat(written.exitCode()).isZero();
        assertThat(written.stdout()).contains("(2 tools)");
        String snapshot = Files.readString(dir.resolve("trust.json"));
        assertThat(snapshot).startsWith("{\"digest_algorithm\":\"sha256_jcs\",\"schema_id\":\"gait.mcp.tool_snapshot\"");

        CliRunner.Result same = cli.run(args(List.of("mcp", "verify", "--snapshot", "trust.json"), NotesMcpServer.command(counters)));
        assertThat(same.exitCode()).isZero();
        assertThat(same.stdout()).isEqualTo("ok: 2 of 2 trusted tools unchanged\n");

        CliRunner.Result changed = cli.run(args(List.of("mcp", "verify", "--snapshot", "trust.json", "--json"),
                NotesMcpServer.command(counters, "--changed")));
        assertThat(changed.exitCode()).isEqualTo(2);
        JsonObject result = changed.json();
        assertThat(result.get("ok").orElseThrow().toString()).isEqualTo("FALSE");
        assertThat(result.array("changed").orElseThrow().toString()).contains("delete_note");
        assertThat(result.get("unchanged").orElseThrow().toString()).contains("1");
        assertThat(Files.readString(dir.resolve("trust.json"))).isEqualTo(snapshot);
    }

    @Test
    void verify_without_a_snapshot_fails_before_starting_the_server() {
        CliRunner.Result result = cli.run(args(List.of("mcp", "verify", "--snapshot", "missing.json", "--json"),
                List.of("/nonexistent/server")));
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.json().string("error").orElseThrow()).contains("missing.json");
    }

    @Test
    void proxy_on_stdio_relays_the_allowed_call_and_answers_the_blocked_one() throws Exception {
        String input = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"cli-test\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"read_note\",\"arguments\":{\"id\":\"n1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"delete_note\",\"arguments\":{\"id\":\"n1\"}}}", "");
        CliRunner.Result result = cli.runWithInput(input, args(List.of("mcp", "proxy", "--policy", "policy.yaml", "--private-key", "trace.key"),
                NotesMcpServer.command(counters)));
        assertThat(result.exitCode()).isZero();
        List<JsonObject> answers = result.stdout().lines().map(line -> JsonReader.strict().readObject(line.getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(answers).hasSize(3);
        assertThat(result.stdout()).contains("read_note n1 done").contains("gait: blocked delete_note: default_block");
        assertThat(Files.readString(counters.resolve("read_note.count"))).isEqualTo("1");
        assertThat(counters.resolve("delete_note.count")).doesNotExist();
        try (var traces = Files.list(dir.resolve(".gait-out/traces"))) {
            assertThat(traces.count()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "--upstream-url=http://127.0.0.1:1/mcp", "--listen=0.0.0.0:0", "--listen=nowhere", "--max-message-bytes=0"})
    void proxy_flag_errors_are_exit_6(String flag) {
        List<String> head = new ArrayList<>(List.of("mcp", "proxy", "--policy", "policy.yaml", "--private-key", "trace.key", "--json"));
        List<String> server = List.of("true");
        if (flag.equals("none")) {
            server = List.of();
        } else {
            head.add(flag);
        }
        CliRunner.Result result = cli.run(server.isEmpty() ? head.toArray(String[]::new) : args(head, server));
        assertThat(result.exitCode()).as(flag).isEqualTo(6);
    }
}
