package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.testkit.GaitSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators set kill switches with {@code gait kill-switch}; {@code gate eval} enforces and journals them. */
class KillSwitchCommandsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    private CliRunner cli(Instant at) {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.fixed(at, ZoneOffset.UTC));
    }

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("allow.yaml"), "default_verdict: allow\n");
        Files.writeString(dir.resolve("alice.json"),
                "{\"tool_name\":\"Tool.Write\",\"args\":{},\"context\":{\"identity\":\"alice\",\"workspace\":\"/repo/app\",\"risk_class\":\"low\"}}");
    }

    private CliRunner.Result eval(Instant at) {
        return cli(at).run("gate", "eval", "--policy", "allow.yaml", "--intent", "alice.json", "--kill-switch-state",
                ".gait-out/kill_switch_state.json", "--json");
    }

    @Test
    void an_added_entry_blocks_is_journaled_and_can_be_disabled() throws Exception {
        CliRunner.Result added = cli(NOW).run("kill-switch", "add", "--tool-name", "TOOL.WRITE", "--workspace-prefixes", "/repo/./",
                "--reason", "incident 42", "--actor", "oncall", "--json");
        assertThat(added.exitCode()).isZero();
        JsonObject entry = added.json().object("entry").orElseThrow();
        String expectedId = Digests.sha256Hex(String.join("\u0000", "", "", "tool.write", "", "", "", "", "/repo", "incident 42",
                "2026-11-24T10:00:00Z")).substring(0, 24);
        assertThat(entry.string("entry_id")).contains(expectedId);
        Path state = dir.resolve(".gait-out/kill_switch_state.json");
        GaitSchemas.assertValid("gate/kill_switch_state", Files.readString(state));

        CliRunner.Result blocked = eval(NOW.plusSeconds(1));
        assertThat(blocked.exitCode()).isEqualTo(3);
        assertThat(blocked.json().array("reason_codes").orElseThrow().toString())
                .contains("kill_switch_tool_name_active", "kill_switch_workspace_active");
        List<String> journal = Files.readAllLines(dir.resolve(".gait-out/kill_switch_journal.jsonl"));
        assertThat(journal).hasSize(1);
        assertThat(journal.getFirst()).contains("\"matched_entry_ids\":[\"" + expectedId + "\"]", "\"source\":\"gate_eval\"",
                "\"trace_id\":\"" + blocked.json().string("trace_id").orElseThrow() + "\"");

        assertThat(cli(NOW).run("kill-switch", "disable", "--entry-id", expectedId).exitCode()).isZero();
        assertThat(eval(NOW.plusSeconds(2)).exitCode()).as("a disabled entry stops nothing").isZero();
        assertThat(Files.readAllLines(dir.resolve(".gait-out/kill_switch_journal.jsonl"))).hasSize(1);
        GaitSchemas.assertValid("gate/kill_switch_state", Files.readString(state));
    }

    @Test
    void expiry_ends_an_entry_and_list_shows_every_entry() throws Exception {
        cli(NOW).run("kill-switch", "add", "--identity", "alice", "--ttl", "1h");
        cli(NOW).run("kill-switch", "add", "--entry-id", "stop-all", "--reason", "freeze everything");
        assertThat(eval(NOW.plusSeconds(60)).json().array("reason_codes").orElseThrow().toString()).contains("kill_switch_identity_active");
        assertThat(cli(NOW).run("kill-switch", "disable", "--entry-id", "stop-all").exitCode()).isZero();
        assertThat(eval(NOW.plusSeconds(3601)).exitCode()).as("past its ttl").isZero();

        String identityEntry = cli(NOW).run("kill-switch", "list", "--json").json().array("entries").orElseThrow().elements().stream()
                .map(JsonObject.class::cast).filter(e -> e.has("identity")).findFirst().orElseThrow().string("entry_id").orElseThrow();
        assertThat(eval(NOW.plusSeconds(60)).exitCode()).isEqualTo(3);
        assertThat(cli(NOW.plusSeconds(30)).run("kill-switch", "expire", "--entry-id", identityEntry).exitCode()).isZero();
        assertThat(eval(NOW.plusSeconds(60)).exitCode()).as("expired at 30 s").isZero();
        assertThat(cli(NOW).run("kill-switch", "list").stdout()).startsWith("entries=2\n");
    }

    @Test
    void bad_requests_change_nothing() throws Exception {
        assertThat(cli(NOW).run("kill-switch", "add", "--reason", "no selector").exitCode()).isEqualTo(6);
        assertThat(cli(NOW).run("kill-switch", "add", "--target-kind", "planet", "--target-value", "x").exitCode()).isEqualTo(6);
        assertThat(cli(NOW).run("kill-switch", "add", "--identity", "bob", "--ttl", "-1h").exitCode()).isEqualTo(6);
        assertThat(cli(NOW).run("kill-switch", "disable", "--entry-id", "nope").exitCode()).isEqualTo(6);
        assertThat(Files.exists(dir.resolve(".gait-out/kill_switch_state.json"))).isFalse();

        assertThat(cli(NOW).run("kill-switch", "add", "--entry-id", "e1", "--identity", "bob").exitCode()).isZero();
        assertThat(cli(NOW).run("kill-switch", "add", "--entry-id", "e1", "--identity", "carol").exitCode()).as("duplicate id").isEqualTo(6);
        Files.writeString(dir.resolve(".gait-out/kill_switch_state.json"), "{");
        assertThat(cli(NOW).run("kill-switch", "add", "--identity", "dave").exitCode()).isEqualTo(6);
        assertThat(Files.readString(dir.resolve(".gait-out/kill_switch_state.json"))).as("a broken state is not overwritten").isEqualTo("{");
    }
}
