package dev.gait.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.gate.CliGateClient;
import dev.gait.client.gate.GateClient;
import dev.gait.client.gate.GateDecision;
import dev.gait.client.gate.SidecarGateClient;
import dev.gait.client.intent.IntentContext;
import dev.gait.client.intent.IntentRequest;
import dev.gait.client.intent.Target;
import dev.gait.client.run.RunCapture;
import dev.gait.client.run.RunRecord;
import dev.gait.client.testing.RealGait;
import dev.gait.client.testing.Sidecar;
import dev.gait.client.tool.ToolGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start of docs/sdk-java.md, against the real CLI and sidecar. */
class QuickStartTest {

    @TempDir
    Path dir;

    @Test
    void theQuickStartRuns() throws Exception {
        Path policy = RealGait.writePolicy(dir);
        Path readme = Files.writeString(dir.resolve("README.md"), "# hello");
        try (Sidecar sidecar = Sidecar.start(policy, Files.createDirectories(dir.resolve("sidecar")))) {
            IntentContext context = IntentContext.builder("alice", "/repo", "low")
                    .agentId("agent-1").environment("prod").repo("acme/app")
                    .build();
            IntentRequest intent = IntentRequest.builder("tool.read", context)
                    .args(Map.of("path", "/repo/README.md"))
                    .target(Target.path("/repo/README.md", "read"))
                    .build();

            GaitCli gait = RealGait.cli(dir);
            GateClient viaCli = new CliGateClient(gait, policy);
            GateClient viaSidecar = SidecarGateClient.of(sidecar.uri());

            GateDecision decision = viaSidecar.evaluate(intent);
            assertThat(decision.verdict()).isEqualTo("allow");
            assertThat(decision.reasonCodes()).containsExactly("matched_rule_allow_read");
            assertThat(viaCli.evaluate(intent).traceId()).isEqualTo(decision.traceId());

            RunCapture run = new RunCapture("run_agent_1", gait).outDir(dir);
            ToolGate gate = new ToolGate(viaSidecar).recordingTo(run);
            String text = gate.call(intent, () -> Files.readString(readme));
            RunRecord record = run.finish();

            assertThat(text).isEqualTo("# hello");
            assertThat(record.bundle()).isRegularFile();
            assertThat(record.ticketFooter()).startsWith("GAIT run_id=run_agent_1 manifest=sha256:" + record.manifestDigest());
        }
    }
}
