package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.testkit.GaitReference;
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

/** A script approved once passes later evaluations; a registry that does not verify never helps. */
class ApprovedScriptTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    private CliRunner cli(Instant at) {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.fixed(at, ZoneOffset.UTC));
    }

    @BeforeEach
    void scenario() throws Exception {
        for (String file : List.of("policy.yaml", "intent.json")) {
            Files.write(dir.resolve(file), GaitReference.bytes("scenarios/script-threshold-approval-determinism/" + file));
        }
        Files.writeString(dir.resolve("high.json"), Files.readString(dir.resolve("intent.json")).replace("\"low\"", "\"high\"")
                .replace("\"medium\"", "\"high\""));
    }

    private CliRunner.Result eval(Instant at, String intent, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("gate", "eval", "--policy", "policy.yaml", "--intent", intent,
                "--approved-script-registry", "registry.json", "--json"));
        args.addAll(List.of(extra));
        return cli(at).run(args.toArray(String[]::new));
    }

    private void approve(String intent) {
        CliRunner.Result approved = cli(NOW).run("approve-script", "--policy", "policy.yaml", "--intent", intent, "--registry",
                "registry.json", "--approver", "secops", "--ttl", "24h", "--json");
        assertThat(approved.exitCode()).as(approved.stdout()).isZero();
    }

    @Test
    void an_approved_script_passes_and_the_trace_says_which_approval() throws Exception {
        assertThat(eval(NOW, "intent.json").exitCode()).as("before approval: two steps above the threshold of 1").isEqualTo(4);
        approve("intent.json");
        String registry = Files.readString(dir.resolve("registry.json"));
        String entry = registry.substring(registry.indexOf('[') + 1, registry.lastIndexOf(']'));
        GaitSchemas.assertValid("gate/approved_script_entry", entry);

        CliRunner.Result passed = eval(NOW.plusSeconds(60), "intent.json");
        assertThat(passed.exitCode()).as(passed.stdout()).isZero();
        assertThat(passed.json().array("reason_codes").orElseThrow().toString()).contains("approved_script_match");
        String trace = Files.readString(dir.resolve(passed.json().string("trace_path").orElseThrow()));
        GaitSchemas.assertValid("gate/trace_record", trace);
        assertThat(trace).contains("\"pre_approved\": true", "\"pattern_id\": \"pattern_");

        assertThat(eval(NOW.plusSeconds(25 * 3600), "intent.json").exitCode()).as("an expired registry disables the fast path").isEqualTo(4);
        assertThat(cli(NOW.plusSeconds(25 * 3600)).run("list-scripts", "--registry", "registry.json").stdout()).contains("expired=true");
        assertThat(cli(NOW).run("list-scripts", "--registry", "registry.json").stdout()).contains("expired=false");
    }

    @Test
    void a_kill_switch_still_stops_an_approved_script() throws Exception {
        approve("intent.json");
        assertThat(cli(NOW).run("kill-switch", "add", "--tool-name", "tool.write", "--reason", "incident").exitCode()).isZero();
        CliRunner.Result stopped = eval(NOW.plusSeconds(60), "intent.json", "--kill-switch-state", ".gait-out/kill_switch_state.json");
        assertThat(stopped.exitCode()).isEqualTo(3);
        assertThat(stopped.json().array("reason_codes").orElseThrow().toString()).contains("kill_switch_tool_name_active");
    }

    @Test
    void a_registry_that_does_not_verify_is_fatal_for_high_risk_and_disables_the_fast_path_otherwise() throws Exception {
        approve("intent.json");
        approve("high.json");
        Files.writeString(dir.resolve("registry.json"), Files.readString(dir.resolve("registry.json")).replace("\"secops\"", "\"mallory\""));

        CliRunner.Result high = eval(NOW.plusSeconds(60), "high.json");
        assertThat(high.exitCode()).isEqualTo(3);
        assertThat(high.json().string("error").orElseThrow()).contains("approved script registry verification failed at entry 0");

        CliRunner.Result low = eval(NOW.plusSeconds(60), "intent.json");
        assertThat(low.exitCode()).as("fast path off, policy decides").isEqualTo(4);
        assertThat(low.json().array("warnings").orElseThrow().toString()).contains("approved-script fast path disabled");

        cli(NOW).run("keys", "init", "--out-dir", "k");
        assertThat(eval(NOW.plusSeconds(60), "high.json", "--approved-script-public-key", "k/gait_public.key").exitCode())
                .as("entries signed by another key").isEqualTo(3);
    }
}
