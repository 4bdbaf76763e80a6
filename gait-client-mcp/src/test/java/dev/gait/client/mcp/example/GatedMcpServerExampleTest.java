package dev.gait.client.mcp.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.client.testing.RealGait;
import dev.gait.client.testing.Sidecar;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MCP Java SDK client calls the example MCP Java SDK server, a separate process on stdio, whose
 * tools are gated by the real sidecar or the real CLI: the allowed read runs, the blocked delete
 * does not.
 */
class GatedMcpServerExampleTest {

    @TempDir
    Path workspace;

    @Test
    void throughTheSidecarTheReadRunsAndTheDeleteIsRefused() throws Exception {
        Path policy = Files.writeString(workspace.resolve("policy.yaml"), GatedMcpServerExample.POLICY);
        try (Sidecar sidecar = Sidecar.start(policy, Files.createDirectories(workspace.resolve("sidecar")))) {
            callBothTools(List.of("sidecar", sidecar.uri().toString()));
        }
    }

    @Test
    void throughTheCliTheReadRunsAndTheDeleteIsRefused() throws Exception {
        Path policy = Files.writeString(workspace.resolve("policy.yaml"), GatedMcpServerExample.POLICY);
        List<String> mode = new ArrayList<>(List.of("cli", policy.toString()));
        mode.addAll(RealGait.cli(workspace).command());
        callBothTools(mode);
    }

    private void callBothTools(List<String> mode) throws Exception {
        Path notes = Files.writeString(workspace.resolve("notes.txt"), "keep me");
        List<String> args = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
                GatedMcpServerExample.class.getName(), workspace.toString()));
        args.addAll(mode);
        ServerParameters server = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .args(args).build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(server, McpJsonDefaults.getMapper()))
                .requestTimeout(RealGait.TIMEOUT)
                .build();
        try {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactlyInAnyOrder("read_file", "delete_file");

            CallToolResult read = client.callTool(new CallToolRequest("read_file", Map.of("path", "notes.txt")));
            assertThat(read.isError()).isNotEqualTo(Boolean.TRUE);
            assertThat(text(read)).isEqualTo("keep me");

            CallToolResult delete = client.callTool(new CallToolRequest("delete_file", Map.of("path", "notes.txt")));
            assertThat(delete.isError()).isTrue();
            assertThat(text(delete)).contains("verdict=block", "default_block", "trace_id=");
            assertThat(delete.structuredContent()).isInstanceOfSatisfying(Map.class,
                    content -> assertThat(content.toString()).contains("verdict=block"));
        } finally {
            client.closeGracefully();
        }
        assertThat(notes).exists().hasContent("keep me");
        assertThat(Files.readAllLines(workspace.resolve("executed.log"))).containsExactly("read_file");
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }
}
