package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.DemoRun;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run diff, migrate, capture, sessions and context envelopes through the command line. */
class RunpackToolsTest {

    @TempDir
    Path dir;
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir, Map.of("HOME", dir.resolve("home").toString()), Clock.systemUTC());
    }

    @Test
    void diff_reports_same_with_exit_0_and_changes_with_exit_2() throws Exception {
        cli.run("demo");
        Files.copy(dir.resolve("gait-out/runpack_run_demo.zip"), dir.resolve("copy.zip"));
        CliRunner.Result same = cli.run("run", "diff", "run_demo", "copy.zip", "--json", "--output", "diff.json");
        assertThat(same.exitCode()).isZero();
        assertThat(same.json().object("summary").orElseThrow().string("context_drift_classification")).contains("none");
        assertThat(Files.readString(dir.resolve("diff.json"))).startsWith("{\"privacy\":\"full\",\"summary\":{\"run_id_left\":\"run_demo\"")
                .doesNotEndWith("\n");

        Files.writeString(dir.resolve("input.json"), """
                {"run": {"run_id": "run_other", "timeline": []},
                 "intents": [{"intent_id": "intent_1", "tool_name": "tool.search", "args": {"query": "x"}}],
                 "results": [], "refs": {"receipts": []}}
                """);
        cli.run("run", "record", "--input", "input.json");
        CliRunner.Result changed = cli.run("run", "diff", "run_demo", "run_other", "--json");
        assertThat(changed.exitCode()).isEqualTo(2);
        JsonObject summary = changed.json().object("summary").orElseThrow();
        assertThat(summary.array("left_only_intents").orElseThrow().size()).isEqualTo(2);
        assertThat(summary.array("changed_intents").orElseThrow().size()).isEqualTo(1);
        assertThat(cli.run("run", "diff", "run_demo").exitCode()).isEqualTo(6);
    }

    @Test
    void migrate_rewrites_an_unsigned_pack_signed_and_reports_no_change_for_its_own_output() throws Exception {
        RunpackWriter.write(dir.resolve("old"), new RunpackRecorder(Clock.systemUTC()).record(DemoRun.input("0.0.0-dev"), null, null));
        CliRunner.Result migrated = cli.run("migrate", "old/runpack_run_demo.zip", "--json");
        assertThat(migrated.exitCode()).isZero();
        assertThat(migrated.json().string("status")).contains("migrated");
        assertThat(migrated.json().string("manifest_digest")).contains("436474ad70446539c909ae85bcc156d30197ba68efb8debdaed4f5d2eef2922e");
        assertThat(cli.run("verify", "old/runpack_run_demo_migrated.zip").exitCode()).isZero();

        CliRunner.Result again = cli.run("migrate", "old/runpack_run_demo_migrated.zip", "--out", "again.zip", "--json");
        assertThat(again.json().string("status")).contains("no_change");
        assertThat(cli.run("migrate", "old/runpack_run_demo.zip", "--out", "old/runpack_run_demo.zip").exitCode()).isEqualTo(6);
    }

    @Test
    void capture_writes_a_receipt_and_retired_spellings_carry_migration_data() throws Exception {
        cli.run("demo");
        CliRunner.Result captured = cli.run("capture", "--from", "run_demo", "--json");
        assertThat(captured.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("gait-out/capture.json"))).startsWith("{\n  \"schema_id\": \"gait.capture.receipt\",")
                .contains("\"artifact_path\": \"./gait-out/runpack_run_demo.zip\"").endsWith("}\n");

        CliRunner.Result legacy = cli.run("capture", "--from", "run_demo", "--save-as", "x.json", "--json");
        assertThat(legacy.exitCode()).isEqualTo(6);
        JsonObject migration = legacy.json().object("migration").orElseThrow();
        assertThat(migration.string("kind")).contains("flag");
        assertThat(migration.string("replacement_flag")).contains("--out");
        assertThat(legacy.json().string("hint")).contains("use `--out` instead");
    }

    @Test
    void a_session_runs_from_start_to_verified_chain_and_capture() throws Exception {
        assertThat(cli.run("run", "session", "start", "--journal", "s/j.jsonl", "--session-id", "s1", "--run-id", "run_s1").exitCode()).isZero();
        cli.run("run", "session", "append", "--journal", "s/j.jsonl", "--tool", "fs.write", "--verdict", "allow");
        cli.run("run", "session", "append", "--journal", "s/j.jsonl", "--tool", "fs.delete", "--verdict", "block",
                "--policy-digest", Digests.sha256Hex("p"));
        CliRunner.Result checkpoint = cli.run("run", "session", "checkpoint", "--journal", "s/j.jsonl", "--json");
        assertThat(checkpoint.exitCode()).as(checkpoint.stdout()).isZero();
        assertThat(checkpoint.json().string("runpack_path")).contains("s/run_s1_cp_0001.zip");
        assertThat(dir.resolve("s/j_chain.json")).exists();

        CliRunner.Result verified = cli.run("verify", "session-chain", "--chain", "s/j_chain.json", "--json");
        assertThat(verified.exitCode()).as(verified.stdout()).isZero();
        assertThat(verified.json().get("checkpoints_checked").orElseThrow().toString()).contains("1");

        JsonObject status = cli.run("run", "session", "status", "--journal", "s/j.jsonl", "--json").json();
        assertThat(status.get("pending_events").orElseThrow().toString()).contains("0");
        assertThat(cli.run("capture", "--from", "s/j_chain.json", "--json").json().string("run_id")).contains("run_s1_cp_0001");

        Files.writeString(dir.resolve("s/run_s1_cp_0001.zip"), "gone");
        CliRunner.Result broken = cli.run("verify", "session-chain", "--chain", "s/j_chain.json", "--json");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.json().array("checkpoint_errors").orElseThrow().size()).isEqualTo(1);
        assertThat(cli.run("run", "session", "checkpoint", "--journal", "s/j.jsonl").exitCode()).as("no new events").isEqualTo(6);
    }

    @Test
    void run_record_takes_receipts_from_a_context_envelope() throws Exception {
        String record = "{\"ref_id\":\"ref_1\",\"source_type\":\"doc\",\"source_locator\":\"wiki/page\",\"query_digest\":\""
                + Digests.sha256Hex("q") + "\",\"content_digest\":\"" + Digests.sha256Hex("c")
                + "\",\"retrieved_at\":\"2026-02-05T00:00:00Z\",\"redaction_mode\":\"reference\"}";
        Files.writeString(dir.resolve("envelope.json"), "{\"context_set_id\":\"ctx\",\"evidence_mode\":\"required\",\"records\":[" + record + "]}");
        Files.writeString(dir.resolve("broken-envelope.json"), "{\"records\":[]}");
        Files.writeString(dir.resolve("input.json"), "{\"run\": {\"run_id\": \"run_ctx\"}, \"refs\": {\"receipts\": []}}");

        CliRunner.Result recorded = cli.run("run", "record", "--input", "input.json", "--context-envelope", "envelope.json", "--json");
        assertThat(recorded.exitCode()).as(recorded.stdout()).isZero();
        JsonObject inspect = cli.run("run", "inspect", "run_ctx", "--json").json();
        assertThat(inspect.string("run_id")).contains("run_ctx");

        CliRunner.Result bestEffort = cli.run("run", "record", "--input", "input.json", "--context-envelope", "broken-envelope.json", "--json");
        assertThat(bestEffort.exitCode()).isZero();
        assertThat(bestEffort.json().array("warnings").orElseThrow().toString()).contains("context envelope ignored");

        CliRunner.Result required = cli.run("run", "record", "--input", "input.json", "--context-envelope", "broken-envelope.json",
                "--context-evidence-mode", "required", "--json");
        assertThat(required.exitCode()).isEqualTo(6);
        assertThat(cli.run("run", "record", "--input", "input.json", "--context-evidence-mode", "required").exitCode()).isEqualTo(6);
    }
}
