package dev.gait.client.langchain4j.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.gate.CliGateClient;
import dev.gait.client.gate.SidecarGateClient;
import dev.gait.client.testing.RealGait;
import dev.gait.client.testing.Sidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the example's real AiServices loop against the real CLI and the real sidecar. */
class GatedAgentExampleTest {

    @TempDir
    Path dir;

    @Test
    void throughTheCliOnlyTheAllowedToolRunsAndTheModelSeesTheBlock() throws Exception {
        GaitCli cli = RealGait.cli(dir);
        Path policy = Files.writeString(dir.resolve("policy.yaml"), GatedAgentExample.POLICY);

        GatedAgentExample.Outcome outcome = GatedAgentExample.run(new CliGateClient(cli, policy), cli, dir);

        assertAllowedReadAndBlockedDelete(outcome, cli);
    }

    @Test
    void throughTheSidecarOnlyTheAllowedToolRuns() throws Exception {
        GaitCli cli = RealGait.cli(dir);
        Path policy = Files.writeString(dir.resolve("policy.yaml"), GatedAgentExample.POLICY);
        try (Sidecar sidecar = Sidecar.start(policy, dir)) {
            GatedAgentExample.Outcome outcome = GatedAgentExample.run(
                    SidecarGateClient.of(sidecar.uri()).withTimeout(RealGait.TIMEOUT), cli, dir);

            assertAllowedReadAndBlockedDelete(outcome, cli);
        }
    }

    private static void assertAllowedReadAndBlockedDelete(GatedAgentExample.Outcome outcome, GaitCli cli) {
        assertThat(outcome.reads()).isEqualTo(1);
        assertThat(outcome.deletes()).isZero();
        assertThat(outcome.answer()).contains("readFile -> # README of /repo/README.md")
                .contains("deleteFile -> ").contains("verdict=block").contains("default_block");
        GaitCli.Result verify = cli.run(List.of("verify", outcome.run().bundle().toString(), "--json"), "");
        assertThat(verify.exitCode()).as(verify.stdout()).isZero();
    }
}
