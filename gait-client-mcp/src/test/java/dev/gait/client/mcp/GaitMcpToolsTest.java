package dev.gait.client.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.gate.CliGateClient;
import dev.gait.client.gate.GateDecision;
import dev.gait.client.intent.IntentContext;
import dev.gait.client.tool.ToolGate;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gated MCP handler answers a tool error, and does not run, when no allow could be had. */
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
}
