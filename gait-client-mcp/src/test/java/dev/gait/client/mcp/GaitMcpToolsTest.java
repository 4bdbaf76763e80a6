package dev.gait.client.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.gate.CliGateClient;
import dev.gait.client.gate.GateDecision;
import dev.gait.client.intent.IntentContext;
import dev.gait.client.tool.ToolGate;
import dev.gait.client.intent.IntentRequest;
import dev.gait.client.testing.RealGait;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** A gated MCP handler, synchronous or asynchronous, runs only on allow and otherwise answers a tool error. */
class GaitMcpToolsTest {

    @TempDir
    Path dir;

    @Test
    void aGateThatCannotBeAskedAnswersAToolErrorWithoutRunningTheHandler() {
        AtomicInteger runs = new AtomicInteger();
        SyncToolSpecification tool = SyncToolSpecification.builder()
                .tool(Tool.builder("echo").inputSchema(Map.of("type", "object")).build())
                .callHandler((exchange, request) -> {
                    runs.incrementAndGet();
                    return CallToolResult.builder().addTextContent("ran").build();
                })
                .build();
        ToolGate gate = new ToolGate(new CliGateClient(GaitCli.of(dir.resolve("absent").toString()), dir.resolve("p.yaml")));
        SyncToolSpecification gated = GaitMcpTools.gated(tool, gate,
                GaitMcpTools.intents(IntentContext.builder("alice", "/repo", "low").build()));

        CallToolResult result = gated.callHandler().apply(null, new CallToolRequest("echo", Map.of()));

        assertThat(runs).hasValue(0);
        assertThat(result.isError()).isTrue();
        assertThat(((TextContent) result.content().get(0)).text()).contains(GateDecision.CLIENT_UNAVAILABLE);
        assertThat(gated.tool()).isSameAs(tool.tool());
    }

    @Test
    void anAsynchronousHandlerRunsOnlyOnAllow() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Files.writeString(dir.resolve("policy.yaml"),
                "default_verdict: block\nrules:\n  - {name: allow-echo, priority: 10, effect: allow, match: {tool_names: [echo]}}\n");
        BiFunction<Tool, CallToolRequest, IntentRequest> intents =
                GaitMcpTools.intents(IntentContext.builder("alice", "/repo", "low").build());
        ToolGate gate = new ToolGate(new CliGateClient(RealGait.cli(dir), dir.resolve("policy.yaml")));

        CallToolResult allowed = GaitMcpTools.gated(asyncTool("echo", runs), gate, intents).callHandler()
                .apply(null, new CallToolRequest("echo", Map.of())).block();
        CallToolResult refused = GaitMcpTools.gated(asyncTool("shout", runs), gate, intents).callHandler()
                .apply(null, new CallToolRequest("shout", Map.of())).block();

        assertThat(allowed.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(((TextContent) allowed.content().get(0)).text()).isEqualTo("ran echo");
        assertThat(refused.isError()).isTrue();
        assertThat(((TextContent) refused.content().get(0)).text()).contains("verdict=block", "default_block");
        assertThat(runs).hasValue(1);
    }

    private static AsyncToolSpecification asyncTool(String name, AtomicInteger runs) {
        return AsyncToolSpecification.builder()
                .tool(Tool.builder(name).inputSchema(Map.of("type", "object")).build())
                .callHandler((exchange, request) -> Mono.fromSupplier(() -> {
                    runs.incrementAndGet();
                    return CallToolResult.builder().addTextContent("ran " + name).build();
                }))
                .build();
    }
}
