package dev.gait.client.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.intent.IntentContext;
import dev.gait.client.intent.IntentRequest;
import dev.gait.client.intent.Target;
import dev.gait.client.testing.RealGait;
import dev.gait.client.testing.Sidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI client and the sidecar client against the real {@code gait gate eval} and {@code gait serve}. */
class GateClientsTest {

    @TempDir
    static Path dir;
    static Path policy;
    static Sidecar sidecar;
    static CliGateClient cli;
    static SidecarGateClient http;

    @BeforeAll
    static void start() throws Exception {
        policy = RealGait.writePolicy(dir);
        cli = new CliGateClient(RealGait.cli(dir), policy);
        sidecar = Sidecar.start(policy, Files.createDirectories(dir.resolve("sidecar")));
        http = SidecarGateClient.of(sidecar.uri()).withTimeout(RealGait.TIMEOUT);
    }

    @AfterAll
    static void stop() {
        sidecar.close();
    }

    static IntentRequest intent(String tool) {
        return IntentRequest.builder(tool, IntentContext.builder("alice", "/repo", "low").agentId("agent-1").build())
                .args(Map.of("path", "/repo/README.md"))
                .target(Target.path("/repo/README.md", "read"))
                .build();
    }

    @Test
    void bothClientsGetTheSameDecisionsFromGait() {
        for (GateClient client : List.<GateClient>of(cli, http)) {
            GateDecision allow = client.evaluate(intent("tool.read"));
            assertThat(allow.isAllow()).as("%s", allow).isTrue();
            assertThat(allow.matchedRule()).isEqualTo("allow-read");
            assertThat(allow.traceId()).matches("[0-9a-f]{24}");

            GateDecision block = client.evaluate(intent("tool.delete"));
            assertThat(block.isAllow()).isFalse();
            assertThat(block.verdict()).isEqualTo("block");
            assertThat(block.reasonCodes()).contains("default_block");
            assertThat(block.isFailure()).isFalse();

            GateDecision approval = client.evaluate(intent("tool.write"));
            assertThat(approval.verdict()).isEqualTo("require_approval");
            assertThat(approval.reasonCodes()).contains("needs_review");
            assertThat(approval.isAllow()).isFalse();
        }
        GateDecision viaCli = cli.evaluate(intent("tool.read"));
        GateDecision viaSidecar = http.evaluate(intent("tool.read"));
        assertThat(viaSidecar.intentDigest()).isEqualTo(viaCli.intentDigest());
        assertThat(viaSidecar.policyDigest()).isEqualTo(viaCli.policyDigest());
        assertThat(viaSidecar.traceId()).isEqualTo(viaCli.traceId());
    }

    @Test
    void theCliWritesTheSignedTraceWhereItRuns() {
        GateDecision decision = cli.evaluate(intent("tool.read"));
        assertThat(dir.resolve(decision.tracePath())).isRegularFile();
    }

    @Test
    void anIntentGaitRejectsIsABlockWithGaitsErrorCode() {
        IntentRequest bad = IntentRequest.builder("tool.read", IntentContext.builder("alice", "/repo", "low").build())
                .target(Target.of("spaceship", "enterprise").build())
                .build();
        for (GateClient client : List.<GateClient>of(cli, http)) {
            GateDecision decision = client.evaluate(bad);
            assertThat(decision.isAllow()).isFalse();
            assertThat(decision.verdict()).isEqualTo("block");
            assertThat(decision.isFailure()).isTrue();
            assertThat(decision.reasonCodes()).containsExactly("invalid_input");
        }
    }

    @Test
    void aCommandThatCannotStartIsABlock() {
        GateDecision decision = new CliGateClient(GaitCli.of(dir.resolve("no-such-gait").toString()), policy)
                .evaluate(intent("tool.read"));
        assertThat(decision.verdict()).isEqualTo("block");
        assertThat(decision.reasonCodes()).containsExactly(GateDecision.CLIENT_UNAVAILABLE);
    }

    @Test
    void anAnswerThatIsNotJsonIsABlock() {
        GateDecision decision = new CliGateClient(GaitCli.of("echo"), policy).evaluate(intent("tool.read"));
        assertThat(decision.isAllow()).isFalse();
        assertThat(decision.reasonCodes()).containsExactly(GateDecision.CLIENT_INVALID_RESPONSE);
    }

    @Test
    void anAllowWithoutExitZeroIsABlock() {
        GaitCli liar = GaitCli.of("sh", "-c", "echo '{\"ok\":true,\"verdict\":\"allow\"}'; exit 3", "sh");
        GateDecision decision = new CliGateClient(liar, policy).evaluate(intent("tool.read"));
        assertThat(decision.isAllow()).isFalse();
        assertThat(decision.reasonCodes()).containsExactly(GateDecision.CLIENT_INVALID_RESPONSE);
    }

    @Test
    void anUnknownVerdictIsABlock() {
        GaitCli odd = GaitCli.of("sh", "-c", "echo '{\"ok\":true,\"verdict\":\"maybe\"}'", "sh");
        GateDecision decision = new CliGateClient(odd, policy).evaluate(intent("tool.read"));
        assertThat(decision.verdict()).isEqualTo("block");
        assertThat(decision.reasonCodes()).containsExactly(GateDecision.CLIENT_UNKNOWN_VERDICT);
    }

    @Test
    void aCommandThatDoesNotFinishInTimeIsKilledAndABlock() {
        GaitCli stuck = GaitCli.of("sh", "-c", "sleep 60", "sh").withTimeout(java.time.Duration.ofMillis(300));
        GateDecision decision = new CliGateClient(stuck, policy).evaluate(intent("tool.read"));
        assertThat(decision.reasonCodes()).containsExactly(GateDecision.CLIENT_TIMEOUT);
    }

    @Test
    void aSidecarThatRequiresATokenRefusesCallsWithoutIt() throws Exception {
        Path tokenDir = Files.createDirectories(dir.resolve("token"));
        try (Sidecar guarded = Sidecar.start(policy, tokenDir, Map.of("GAIT_TEST_TOKEN", "s3cret"), "--auth-token-env", "GAIT_TEST_TOKEN")) {
            SidecarGateClient anonymous = SidecarGateClient.of(guarded.uri()).withTimeout(RealGait.TIMEOUT);
            GateDecision refused = anonymous.evaluate(intent("tool.read"));
            assertThat(refused.verdict()).isEqualTo("block");
            assertThat(refused.reasonCodes()).containsExactly("unauthorized");

            GateDecision allowed = anonymous.withBearerToken("s3cret").evaluate(intent("tool.read"));
            assertThat(allowed.isAllow()).isTrue();
        }
    }

    @Test
    void anAllowTheSidecarCannotRecordIsABlock() throws Exception {
        Path brokenDir = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(brokenDir.resolve("traces"), "a file where the trace directory should be");
        try (Sidecar broken = Sidecar.start(policy, brokenDir)) {
            GateDecision decision = SidecarGateClient.of(broken.uri()).withTimeout(RealGait.TIMEOUT).evaluate(intent("tool.read"));
            assertThat(decision.isAllow()).isFalse();
            assertThat(decision.verdict()).isEqualTo("block");
            assertThat(decision.isFailure()).isTrue();
            assertThat(decision.error()).contains("trace_");
        }
    }

    @Test
    void aSidecarThatIsNotThereIsABlock() throws Exception {
        Path goneDir = Files.createDirectories(dir.resolve("gone"));
        java.net.URI uri;
        try (Sidecar gone = Sidecar.start(policy, goneDir)) {
            uri = gone.uri();
        }
        GateDecision decision = SidecarGateClient.of(uri).evaluate(intent("tool.read"));
        assertThat(decision.verdict()).isEqualTo("block");
        assertThat(decision.reasonCodes()).containsExactly(GateDecision.CLIENT_UNAVAILABLE);
    }
}
