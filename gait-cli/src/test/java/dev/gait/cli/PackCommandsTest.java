package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.zip.DeterministicZip;
import dev.gait.testkit.GaitSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pack build's sources and refusals, pack inspect, pack diff, and the families pack verify reads. */
class PackCommandsTest {

    @TempDir
    Path dir;
    private PackCli cli;

    @BeforeEach
    void setUp() {
        cli = new PackCli(dir);
    }

    private String build(String... args) {
        return cli.build(args).string("path").orElseThrow();
    }

    @Test
    void types_without_their_subsystem_and_contradictory_or_unsafe_flags_are_refused_with_exit_6() {
        for (String type : new String[] {"job", "call", "authorization"}) {
            CliRunner.Result refused = cli.run("pack", "build", "--type", type, "--from", "run_demo", "--json");
            assertThat(refused.exitCode()).isEqualTo(6);
            assertThat(refused.json().string("error")).hasValueSatisfying(e -> assertThat(e).contains("--type " + type + " is not supported"));
        }
        assertThat(cli.run("pack", "build", "--type", "evidence", "--from", "run_demo").exitCode()).isEqualTo(6);
        assertThat(cli.run("pack", "build").exitCode()).isEqualTo(6);
        assertThat(cli.run("pack", "build", "--from", "run_demo", "run_demo").exitCode()).isEqualTo(6);
        assertThat(cli.run("pack", "build", "--from", "run_demo", "--unsigned", "--private-key", "k").exitCode()).isEqualTo(6);
        assertThat(cli.run("pack", "build", "--from", "run_demo", "--out", "../escape.zip").exitCode()).isEqualTo(6);
        assertThat(cli.run("pack", "build", "--from", "run_missing").exitCode()).isEqualTo(6);
        assertThat(dir.resolve("gait-out").toFile().list()).containsExactly("runpack_run_demo.zip");
    }

    @Test
    void a_run_is_found_by_id_path_argument_or_session_chain_and_the_pack_lands_beside_it() throws Exception {
        String byId = build("--from", "run_demo");
        assertThat(build("gait-out/runpack_run_demo.zip")).isEqualTo(byId);

        cli.run("run", "session", "start", "--journal", "s/j.jsonl", "--session-id", "s1", "--run-id", "run_s1");
        cli.run("run", "session", "append", "--journal", "s/j.jsonl", "--tool", "fs.write", "--verdict", "allow");
        assertThat(cli.run("run", "session", "checkpoint", "--journal", "s/j.jsonl").exitCode()).isZero();
        String fromChain = build("--from", "s/j_chain.json");
        assertThat(fromChain).startsWith("./s/pack_");
        assertThat(cli.run("pack", "verify", fromChain).exitCode()).isZero();
        assertThat(cli.run("pack", "inspect", fromChain, "--json").json().string("source_ref")).contains("run_s1_cp_0001");
    }

    @Test
    void inspect_shows_manifest_payload_and_lineage_of_packs_and_legacy_runpacks() {
        String pack = build("--from", "run_demo");
        JsonObject inspect = cli.run("pack", "inspect", pack, "--json").json().object("inspect").orElseThrow();
        assertThat(inspect.object("manifest").orElseThrow().string("schema_id")).contains("gait.pack.manifest");
        assertThat(inspect.object("run_payload").orElseThrow().string("manifest_digest"))
                .contains("436474ad70446539c909ae85bcc156d30197ba68efb8debdaed4f5d2eef2922e");
        JsonObject lineage = inspect.object("run_lineage").orElseThrow();
        assertThat(lineage.array("intent_results").map(JsonArray::size)).contains(3);
        assertThat(((JsonObject) lineage.array("intent_results").orElseThrow().get(0)).string("tool_name")).contains("tool.search");

        CliRunner.Result legacy = cli.run("pack", "inspect", "gait-out/runpack_run_demo.zip", "--json");
        assertThat(legacy.json().object("inspect").orElseThrow().string("legacy_type")).contains("runpack");
        assertThat(legacy.json().string("pack_id")).contains("436474ad70446539c909ae85bcc156d30197ba68efb8debdaed4f5d2eef2922e");
        assertThat(cli.run("pack", "inspect", pack).stdout()).startsWith("pack inspect ok: ");
    }

    @Test
    void diff_reports_files_manifest_and_writes_a_schema_valid_result() throws Exception {
        String signed = build("--from", "run_demo");
        String unsigned = build("--from", "run_demo", "--unsigned", "--out", "unsigned.zip");

        CliRunner.Result same = cli.run("pack", "diff", signed, signed, "--json");
        assertThat(same.exitCode()).isZero();
        JsonObject sameSummary = same.json().object("diff").orElseThrow().object("summary").orElseThrow();
        assertThat(sameSummary.string("context_drift_classification")).contains("none");
        assertThat(sameSummary.get("changed")).contains(dev.gait.core.json.JsonBoolean.FALSE);

        CliRunner.Result changed = cli.run("pack", "diff", signed, unsigned, "--output", "diff.json", "--json");
        assertThat(changed.exitCode()).isEqualTo(2);
        JsonObject summary = changed.json().object("diff").orElseThrow().object("summary").orElseThrow();
        assertThat(summary.array("changed_files").orElseThrow().elements()).extracting(v -> ((JsonString) v).value())
                .containsExactly("attestation.intoto.jsonl", "proof_records.jsonl");
        assertThat(summary.get("manifest_delta")).contains(dev.gait.core.json.JsonBoolean.TRUE);
        GaitSchemas.assertValid("pack/diff", Files.readString(dir.resolve("diff.json")));

        CliRunner.Result legacy = cli.run("pack", "diff", "gait-out/runpack_run_demo.zip", signed, "--json");
        JsonObject legacySummary = legacy.json().object("diff").orElseThrow().object("summary").orElseThrow();
        assertThat(legacySummary.array("removed_files").map(JsonArray::size)).contains(4);
        assertThat(legacySummary.string("context_drift_classification")).contains("none");
    }

    @Test
    void diff_classifies_context_drift_of_the_same_retrievals_at_other_times_as_runtime_only() throws Exception {
        String[] packs = new String[2];
        for (int i = 0; i < 2; i++) {
            Files.writeString(dir.resolve("run.json"), """
                    {"run":{"run_id":"run_ctx","created_at":"2026-03-01T00:00:00Z"},
                     "intents":[{"intent_id":"intent_1","tool_name":"tool.search","args":{"q":"x"}}],
                     "results":[{"intent_id":"intent_1","status":"ok","result":{"ok":true}}],
                     "refs":{"receipts":[{"ref_id":"ref_1","source_type":"doc","source_locator":"kb://a","query_digest":"%s",
                       "content_digest":"%s","retrieved_at":"2026-03-01T00:00:0%dZ","redaction_mode":"reference"}]}}
                    """.formatted("a".repeat(64), "b".repeat(64), i));
            assertThat(cli.run("run", "record", "--input", "run.json", "--out-dir", "r" + i).exitCode()).isZero();
            packs[i] = build("--from", "r" + i + "/runpack_run_ctx.zip");
        }
        JsonObject summary = cli.run("pack", "diff", packs[0], packs[1], "--json").json().object("diff").orElseThrow()
                .object("summary").orElseThrow();
        assertThat(summary.string("context_drift_classification")).contains("runtime_only");
        assertThat(summary.get("context_runtime_only_changes")).contains(dev.gait.core.json.JsonBoolean.TRUE);
    }

    @Test
    void verify_reads_legacy_runpacks_and_guard_evidence_packs() throws Exception {
        CliRunner.Result legacy = cli.run("pack", "verify", "gait-out/runpack_run_demo.zip", "--json");
        assertThat(legacy.exitCode()).isZero();
        JsonObject report = legacy.json().object("verify").orElseThrow();
        assertThat(report.string("legacy_type")).contains("runpack");
        assertThat(report.string("signature_status")).contains("verified");

        // as in Gait v1, pack verify also reads the guard family: it is checked by the evidence-pack verifier
        String evidence = cli.run("guard", "pack", "--run", "run_demo", "--json").json().string("pack_path").orElseThrow();
        CliRunner.Result guard = cli.run("pack", "verify", evidence, "--json");
        assertThat(guard.exitCode()).as(guard.stdout()).isZero();
        assertThat(guard.json().string("signature_status")).contains("verified");
        Files.write(dir.resolve("evidence_pack_pack_0123456789abcdef.zip"), DeterministicZip.write(Map.of(
                "pack_manifest.json", "{\"schema_id\":\"gait.guard.pack_manifest\",\"schema_version\":\"1.0.0\"}".getBytes())));
        CliRunner.Result broken = cli.run("pack", "verify", "evidence_pack_pack_0123456789abcdef.zip", "--json");
        assertThat(broken.exitCode()).as(broken.stdout()).isEqualTo(2);

        Files.writeString(dir.resolve("not-a-zip.zip"), "text");
        assertThat(cli.run("pack", "verify", "not-a-zip.zip").exitCode()).isEqualTo(6);
        assertThat(cli.run("pack", "verify", "missing.zip").exitCode()).isEqualTo(6);
        assertThat(cli.run("pack", "verify", build("--from", "run_demo"), "--profile", "strict").exitCode()).isEqualTo(6);
    }
}
