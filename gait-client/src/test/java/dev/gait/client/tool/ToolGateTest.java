package dev.gait.client.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.gate.CliGateClient;
import dev.gait.client.gate.GateDecision;
import dev.gait.client.intent.IntentContext;
import dev.gait.client.intent.IntentRequest;
import dev.gait.client.json.Json;
import dev.gait.client.run.RunCapture;
import dev.gait.client.run.RunRecord;
import dev.gait.client.testing.RealGait;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gated tools and run capture against the real CLI: a tool runs only on allow, and the run verifies. */
class ToolGateTest {

    @TempDir
    Path dir;

    static IntentRequest intent(String tool, String path) {
        return IntentRequest.builder(tool, IntentContext.builder("alice", "/repo", "low").build())
                .args(Map.of("path", path)).build();
    }

    @Test
    void aToolRunsOnlyOnAllowAndTheRunIsRecordedAsAVerifiedRunpack() throws Exception {
        GaitCli gait = RealGait.cli(dir);
        RunCapture run = new RunCapture("run_sdk_java", gait).outDir(dir.resolve("packs"));
        ToolGate gate = new ToolGate(new CliGateClient(gait, RealGait.writePolicy(dir))).recordingTo(run);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger deletes = new AtomicInteger();
        ToolGate.GatedFunction<String, String> read = gate.wrap(path -> intent("tool.read", path),
                path -> "read " + path + " #" + reads.incrementAndGet());
        ToolGate.GatedFunction<String, String> delete = gate.wrap(path -> intent("tool.delete", path),
                path -> "deleted " + path + " #" + deletes.incrementAndGet());

        assertThat(read.apply("/repo/README.md")).isEqualTo("read /repo/README.md #1");
        assertThatThrownBy(() -> delete.apply("/repo/README.md"))
                .isInstanceOfSatisfying(GateBlockedException.class, blocked -> {
                    assertThat(blocked.verdict()).isEqualTo("block");
                    assertThat(blocked.reasonCodes()).contains("default_block");
                    assertThat(blocked.traceId()).matches("[0-9a-f]{24}");
                });
        assertThatThrownBy(() -> gate.call(intent("tool.write", "/repo/x"), () -> deletes.incrementAndGet()))
                .isInstanceOfSatisfying(GateBlockedException.class,
                        blocked -> assertThat(blocked.verdict()).isEqualTo("require_approval"));
        assertThat(reads).hasValue(1);
        assertThat(deletes).hasValue(0);

        RunRecord record = run.finish();
        assertThat(record.runId()).isEqualTo("run_sdk_java");
        assertThat(record.signatureStatus()).isEqualTo("signed");
        assertThat(record.manifestDigest()).matches("[0-9a-f]{64}");
        assertThat(record.bundle()).isEqualTo(dir.resolve("packs/runpack_run_sdk_java.zip")).isRegularFile();
        GaitCli.Result verify = gait.run(List.of("verify", record.bundle().toString(), "--json"), "");
        assertThat(verify.exitCode()).as(verify.stdout()).isZero();
        assertThat(Json.readObject(verify.stdout())).containsEntry("ok", true);
        GaitCli.Result inspect = gait.run(List.of("run", "inspect", record.bundle().toString(), "--json"), "");
        assertThat(inspect.stdout()).contains("tool.read", "tool.delete", "tool.write");
        assertThat(run.finish()).isSameAs(record);
    }

    @Test
    void aToolThatThrowsIsRecordedAsAnErrorAndTheErrorReachesTheCaller() throws Exception {
        GaitCli gait = RealGait.cli(dir);
        RunCapture run = new RunCapture("run_sdk_java_error", gait).outDir(dir);
        ToolGate gate = new ToolGate(new CliGateClient(gait, RealGait.writePolicy(dir))).recordingTo(run);

        assertThatThrownBy(() -> gate.call(intent("tool.read", "/missing"), () -> {
            throw new java.io.FileNotFoundException("/missing");
        })).isInstanceOf(java.io.FileNotFoundException.class);

        @SuppressWarnings("unchecked")
        Map<String, Object> result = ((List<Map<String, Object>>) run.recordInput().get("results")).get(0);
        assertThat(result).containsEntry("status", "error");
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) result.get("result");
        assertThat(payload).containsEntry("executed", true)
                .containsEntry("verdict", "allow");
        assertThat(run.finish().manifestDigest()).matches("[0-9a-f]{64}");
    }

    @Test
    void aDecisionThatCouldNotBeHadNeverRunsTheTool() {
        ToolGate gate = new ToolGate(new CliGateClient(GaitCli.of(dir.resolve("absent").toString()), dir.resolve("p.yaml")));
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> gate.call(intent("tool.read", "/repo/a"), runs::incrementAndGet))
                .isInstanceOfSatisfying(GateBlockedException.class,
                        blocked -> assertThat(blocked.reasonCodes()).containsExactly(GateDecision.CLIENT_UNAVAILABLE));
        assertThat(runs).hasValue(0);
    }

    @Test
    void runRecordRefusesABadRunAndSaysWhy() {
        GaitCli failing = GaitCli.of("sh", "-c", "echo '{\"ok\":false,\"error\":\"nope\",\"error_code\":\"invalid_input\"}'; exit 6", "sh");
        RunCapture run = new RunCapture("run_refused", failing);
        assertThatThrownBy(run::finish).hasMessageContaining("invalid_input").hasMessageContaining("nope");
        assertThatThrownBy(() -> new RunCapture("not a run id", failing)).isInstanceOf(IllegalArgumentException.class);
    }
}
