package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.DemoRun;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunpackCommandsTest {

    @TempDir
    Path dir;
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir, Map.of("HOME", dir.resolve("home").toString()), Clock.systemUTC());
    }

    @Test
    void demo_prints_the_documented_lines_and_writes_a_signed_pack() throws Exception {
        CliRunner.Result result = cli.run("demo");
        assertThat(result.exitCode()).isZero();
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines.subList(0, 7)).containsExactly(
                "mode=standard",
                "run_id=run_demo",
                "bundle=./gait-out/runpack_run_demo.zip",
                "ticket_footer=GAIT run_id=run_demo manifest=sha256:436474ad70446539c909ae85bcc156d30197ba68efb8debdaed4f5d2eef2922e verify=\"gait verify run_demo\"",
                "verify=ok",
                "next=gait verify run_demo --json,gait regress bootstrap --from run_demo --json --junit ./gait-out/junit.xml,gait demo --durable,gait demo --policy",
                "metrics_opt_in=export GAIT_ADOPTION_LOG=./gait-out/adoption.jsonl");
        assertThat(lines).contains("signature_status=verified");
        Path pack = dir.resolve("gait-out/runpack_run_demo.zip");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pack))).isEqualTo("rw-------");
        Path localKey = dir.resolve("home/.gait/keys/gait_private.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(localKey))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(localKey.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void demo_output_is_byte_stable_across_runs_with_the_same_key() throws Exception {
        cli.run("demo");
        byte[] first = Files.readAllBytes(dir.resolve("gait-out/runpack_run_demo.zip"));
        cli.run("demo");
        assertThat(Files.readAllBytes(dir.resolve("gait-out/runpack_run_demo.zip"))).isEqualTo(first);
    }

    @Test
    void verify_reports_a_verified_signature_with_the_local_key() {
        cli.run("demo");
        CliRunner.Result result = cli.run("verify", "run_demo", "--json");
        assertThat(result.exitCode()).isZero();
        JsonObject json = result.json();
        assertThat(json.string("signature_status")).contains("verified");
        assertThat(json.string("manifest_digest")).contains("436474ad70446539c909ae85bcc156d30197ba68efb8debdaed4f5d2eef2922e");
        assertThat(json.get("files_checked").orElseThrow().toString()).contains("4");
        assertThat(cli.run("verify", "gait-out/runpack_run_demo.zip").stdout()).startsWith("verify ok: ./gait-out/runpack_run_demo.zip\n");
    }

    @Test
    void verify_chain_verifies_the_runpack_link() {
        cli.run("demo");
        CliRunner.Result ok = cli.run("verify", "chain", "--run", "run_demo", "--json");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.json().object("run").orElseThrow().string("signature_status")).contains("verified");
        assertThat(cli.run("verify", "chain", "--run", "run_demo", "--profile", "strict").exitCode()).isEqualTo(6);
        assertThat(cli.run("verify", "chain").stdout()).startsWith("error: missing required --run");
    }

    @Test
    void verify_chain_verifies_a_gate_trace_of_the_same_run() throws Exception {
        cli.run("demo");
        Files.writeString(dir.resolve("allow.yaml"), "default_verdict: allow\n");
        String intent = "{\"tool_name\":\"tool.read\",\"args\":{},\"context\":{\"identity\":\"a\",\"workspace\":\"/r\","
                + "\"risk_class\":\"low\",\"run_id\":\"RUN\"}}";
        Files.writeString(dir.resolve("demo-intent.json"), intent.replace("RUN", "run_demo"));
        Files.writeString(dir.resolve("other-intent.json"), intent.replace("RUN", "run_other"));
        assertThat(cli.run("gate", "eval", "--policy", "allow.yaml", "--intent", "demo-intent.json", "--trace-out", "t.json").exitCode()).isZero();
        assertThat(cli.run("gate", "eval", "--policy", "allow.yaml", "--intent", "other-intent.json", "--trace-out", "o.json").exitCode()).isZero();

        CliRunner.Result ok = cli.run("verify", "chain", "--run", "run_demo", "--trace", "t.json", "--json");
        assertThat(ok.exitCode()).isZero();
        JsonObject trace = ok.json().object("trace").orElseThrow();
        assertThat(trace.string("signature_status")).contains("verified");
        assertThat(trace.string("run_id")).contains("run_demo");
        assertThat(trace.string("verdict")).contains("allow");

        CliRunner.Result otherRun = cli.run("verify", "chain", "--run", "run_demo", "--trace", "o.json", "--json");
        assertThat(otherRun.exitCode()).isEqualTo(2);
        assertThat(otherRun.json().string("error").orElseThrow()).contains("trace run_id run_other is not the runpack's run_id run_demo");

        Files.writeString(dir.resolve("tampered.json"), Files.readString(dir.resolve("t.json")).replace("\"allow\"", "\"block\""));
        CliRunner.Result tampered = cli.run("verify", "chain", "--run", "run_demo", "--trace", "tampered.json", "--json");
        assertThat(tampered.exitCode()).isEqualTo(2);
        assertThat(tampered.json().object("trace").orElseThrow().string("signature_status")).contains("failed");

        cli.run("keys", "init", "--out-dir", "k");
        assertThat(cli.run("verify", "chain", "--run", "run_demo", "--trace", "t.json", "--public-key", "k/gait_public.key").exitCode())
                .as("a key that did not sign the artifacts").isEqualTo(2);
        Files.writeString(dir.resolve("not-a-trace.json"), "{\"schema_id\":\"gait.runpack.manifest\"}");
        assertThat(cli.run("verify", "chain", "--run", "run_demo", "--trace", "not-a-trace.json", "--json").exitCode()).isEqualTo(6);
        assertThat(cli.run("verify", "chain", "--run", "run_demo", "--trace", "absent.json", "--json").exitCode()).isEqualTo(6);
    }

    @Test
    void unsigned_packs_fail_unless_the_caller_opts_out() throws Exception {
        RunpackRecorder.Recorded unsigned = new RunpackRecorder(Clock.systemUTC()).record(DemoRun.input("0.0.0-dev"), null, null);
        RunpackWriter.write(dir.resolve("gait-out"), unsigned);
        cli.run("keys", "init", "--out-dir", "k");

        CliRunner.Result strictDefault = cli.run("verify", "run_demo", "--public-key", "k/gait_public.key", "--json");
        assertThat(strictDefault.exitCode()).isEqualTo(2);
        assertThat(strictDefault.json().string("signature_status")).contains("missing");
        assertThat(strictDefault.json().string("error_code")).contains("verification_failed");

        CliRunner.Result optedOut = cli.run("verify", "run_demo", "--allow-unsigned", "--json");
        assertThat(optedOut.exitCode()).isZero();
        assertThat(optedOut.json().string("signature_status")).contains("missing");
    }

    @Test
    void strict_profile_requires_an_explicit_trusted_key() {
        cli.run("demo");
        CliRunner.Result noKey = cli.run("verify", "run_demo", "--profile", "strict", "--json");
        assertThat(noKey.exitCode()).isEqualTo(6);
        assertThat(noKey.json().string("error").orElseThrow()).contains("--profile strict requires");

        CliRunner.Result withKey = cli.run("verify", "run_demo", "--profile", "strict",
                "--public-key", dir.resolve("home/.gait/keys/gait_public.key").toString(), "--json");
        assertThat(withKey.exitCode()).isZero();

        cli.run("keys", "init", "--out-dir", "other");
        CliRunner.Result wrongKey = cli.run("verify", "run_demo", "--profile", "strict", "--public-key", "other/gait_public.key", "--json");
        assertThat(wrongKey.exitCode()).isEqualTo(2);
        assertThat(wrongKey.json().string("signature_status")).contains("failed");
    }

    @Test
    void a_tampered_pack_fails_verification_with_exit_2() throws Exception {
        cli.run("demo");
        Path pack = dir.resolve("gait-out/runpack_run_demo.zip");
        RunpackRecorder.Recorded recorded = new RunpackRecorder(Clock.systemUTC()).record(DemoRun.input("0.0.0-dev"), null, null);
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>(recorded.entries());
        entries.put("results.jsonl", new String(entries.get("results.jsonl")).replace("\"ok\"", "\"error\"").getBytes());
        Files.write(pack, dev.gait.core.zip.DeterministicZip.write(entries));
        CliRunner.Result result = cli.run("verify", "run_demo", "--allow-unsigned", "--json");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.json().array("hash_mismatches").orElseThrow().size()).isEqualTo(1);
    }

    @Test
    void run_resolution_and_bad_inputs_use_the_documented_exit_codes() throws Exception {
        assertThat(cli.run("verify", "run_missing", "--json").json().string("error")).contains("runpack not found for run_id: run_missing");
        assertThat(cli.run("verify", "nowhere/pack.zip").exitCode()).isEqualTo(6);
        Files.writeString(dir.resolve("fake.zip"), "not a zip");
        CliRunner.Result fake = cli.run("verify", "fake.zip", "--json");
        assertThat(fake.exitCode()).isEqualTo(6);
        assertThat(fake.json().string("error").orElseThrow()).contains("not a valid zip archive");
        assertThat(cli.run("verify").exitCode()).isEqualTo(6);
        assertThat(cli.run("verify", "x", "--profile", "lax").stdout()).startsWith("error: invalid value \"lax\" for flag -profile: expected standard, strict");
    }

    @Test
    void run_record_signs_with_the_local_key_and_prints_the_footer() throws Exception {
        Files.writeString(dir.resolve("input.json"), """
                {"run": {"run_id": "run_cli", "created_at": "2026-03-01T10:00:00.500+01:00",
                         "env": {"os": "linux", "arch": "amd64", "runtime": "python"},
                         "timeline": [{"event": "start", "ts": "2026-03-01T10:00:00+01:00"}]},
                 "intents": [{"intent_id": "i1", "tool_name": "fs.write", "args": {"path": "/tmp/x", "n": 1.0}}],
                 "results": [{"intent_id": "i1", "status": "ok", "result": {"bytes": 3}}],
                 "refs": {"receipts": [{"ref_id": "trace_i1", "source_type": "gait.trace", "source_locator": "trace.json",
                                         "redaction_mode": "reference"}]},
                 "unknown_member": true}
                """);
        CliRunner.Result result = cli.run("run", "record", "--input", "input.json", "--json");
        assertThat(result.exitCode()).as(result.stdout()).isZero();
        JsonObject json = result.json();
        assertThat(json.string("bundle")).contains("./gait-out/runpack_run_cli.zip");
        assertThat(json.string("signature_status")).contains("signed");
        assertThat(json.array("warnings").orElseThrow().size()).isEqualTo(1);
        String digest = json.string("manifest_digest").orElseThrow();
        assertThat(json.string("ticket_footer")).contains(
                "GAIT run_id=run_cli manifest=sha256:" + digest + " verify=\"gait verify run_cli\"");

        assertThat(cli.run("verify", "run_cli").exitCode()).isZero();
        assertThat(cli.run("run", "receipt", "run_cli").stdout()).isEqualTo(
                "GAIT run_id=run_cli manifest=sha256:" + digest + " verify=\"gait verify run_cli\"\n");
        JsonObject inspect = cli.run("run", "inspect", "run_cli", "--json").json();
        assertThat(inspect.string("capture_mode")).contains("reference");
        assertThat(inspect.array("entries").orElseThrow().size()).isEqualTo(1);

        CliRunner.Result renamed = cli.run("run", "record", "--input", "input.json", "--run-id", "run_other", "--capture-mode", "raw", "--json");
        assertThat(renamed.json().string("run_id")).contains("run_other");
        assertThat(renamed.json().array("warnings").orElseThrow().get(0).toString()).contains("raw capture retains");
    }

    @Test
    void run_record_rejects_bad_input_with_exit_6() throws Exception {
        Files.writeString(dir.resolve("no-id.json"), "{\"run\": {}}");
        Files.writeString(dir.resolve("bad-type.json"), "{\"run\": {\"run_id\": 5}}");
        Files.writeString(dir.resolve("no-digest.json"), "{\"run\": {\"run_id\": \"run_x\"}, \"intents\": [{\"intent_id\": \"a\", \"tool_name\": \"t\"}]}");
        assertThat(cli.run("run", "record", "--input", "no-id.json", "--json").json().string("error"))
                .contains("input run.run_id is required (or set --run-id)");
        assertThat(cli.run("run", "record", "--input", "bad-type.json", "--json").json().string("error").orElseThrow())
                .contains("run_id must be a string");
        assertThat(cli.run("run", "record", "--input", "no-digest.json", "--json").json().string("error").orElseThrow())
                .contains("needs args or args_digest");
        assertThat(cli.run("run", "record", "--input", "no-id.json", "--capture-mode", "full").exitCode()).isEqualTo(6);
        assertThat(cli.run("run", "record").stdout()).startsWith("error: missing required --input");
        assertThat(dir.resolve("gait-out")).doesNotExist();
    }
}
