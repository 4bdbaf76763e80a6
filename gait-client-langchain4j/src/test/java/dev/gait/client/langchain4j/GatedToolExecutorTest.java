package dev.gait.client.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.gate.CliGateClient;
import dev.gait.client.gate.GateDecision;
import dev.gait.client.intent.IntentContext;
import dev.gait.client.json.JsonFormatException;
import dev.gait.client.testing.RealGait;
import dev.gait.client.tool.GateBlockedException;
import dev.gait.client.tool.ToolGate;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.tool.ToolExecutor;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gated executor never runs a tool without an allow, whatever goes wrong before it. */
class GatedToolExecutorTest {

    @TempDir
    Path dir;

    static final class Tools {
        final AtomicInteger runs = new AtomicInteger();

        @Tool("echo")
        public String echo(@P(name = "text", value = "text") String text) {
            runs.incrementAndGet();
            return text;
        }
    }

    private static ToolExecutor only(Map<ToolSpecification, ToolExecutor> tools) {
        assertThat(tools).hasSize(1);
        return tools.values().iterator().next();
    }

    private static ToolExecutionRequest echo(String arguments) {
        return ToolExecutionRequest.builder().id("1").name("echo").arguments(arguments).build();
    }

    private final IntentContext context = IntentContext.builder("alice", "/repo", "low").build();

    @Test
    void aGateThatCannotBeAskedBlocksTheTool() {
        Tools tools = new Tools();
        ToolGate gate = new ToolGate(new CliGateClient(GaitCli.of(dir.resolve("absent").toString()), dir.resolve("p.yaml")));
        ToolExecutor executor = only(GaitTools.gated(tools, gate, GaitTools.intents(context)));

        assertThatThrownBy(() -> executor.execute(echo("{\"text\":\"hi\"}"), "memory"))
                .isInstanceOfSatisfying(GateBlockedException.class,
                        e -> assertThat(e.reasonCodes()).containsExactly(GateDecision.CLIENT_UNAVAILABLE));
        assertThat(tools.runs).hasValue(0);
    }

    @Test
    void argumentsThatAreNotJsonNeverReachTheTool() throws Exception {
        Tools tools = new Tools();
        ToolGate gate = new ToolGate(new CliGateClient(RealGait.cli(dir), RealGait.writePolicy(dir)));
        ToolExecutor executor = only(GaitTools.gated(tools, gate, GaitTools.intents(context)));

        assertThatThrownBy(() -> executor.execute(echo("{not json"), "memory")).isInstanceOf(JsonFormatException.class);
        assertThat(tools.runs).hasValue(0);
    }

    @Test
    void theToolRunsWhenGaitAllowsIt() throws Exception {
        Tools tools = new Tools();
        java.nio.file.Files.writeString(dir.resolve("policy.yaml"),
                "default_verdict: block\nrules:\n  - {name: allow-echo, priority: 10, effect: allow, match: {tool_names: [echo]}}\n");
        ToolGate gate = new ToolGate(new CliGateClient(RealGait.cli(dir), dir.resolve("policy.yaml")));
        ToolExecutor executor = only(GaitTools.gated(tools, gate, GaitTools.intents(context)));

        assertThat(executor.execute(echo("{\"text\":\"hi\"}"), "memory")).isEqualTo("hi");
        assertThat(tools.runs).hasValue(1);
    }
}
