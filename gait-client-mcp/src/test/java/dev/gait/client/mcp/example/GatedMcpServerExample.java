package dev.gait.client.mcp.example;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.gate.CliGateClient;
import dev.gait.client.gate.GateClient;
import dev.gait.client.gate.SidecarGateClient;
import dev.gait.client.intent.IntentContext;
import dev.gait.client.mcp.GaitMcpTools;
import dev.gait.client.tool.ToolGate;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An MCP Java SDK server on standard input and output whose two tools Gait gates: {@code read_file}
 * (allowed by the policy below) and {@code delete_file} (blocked by its default). Each tool that
 * really runs appends its name to {@code executed.log} in the workspace, so a client can see which
 * side effects happened.
 *
 * <pre>
 * default_verdict: block
 * rules:
 *   - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [read_file]}}
 * </pre>
 *
 * <p>Arguments: {@code <workspace> sidecar <url>} or {@code <workspace> cli <policy.yaml> <gait command…>}.
 */
public final class GatedMcpServerExample {

    public static final String POLICY = """
            default_verdict: block
            rules:
              - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [read_file]}}
            """;

    private static final Map<String, Object> PATH_ARGUMENT = Map.of(
            "type", "object",
            "properties", Map.of("path", Map.of("type", "string")),
            "required", List.of("path"));

    public static void main(String[] args) throws InterruptedException {
        Path workspace = Path.of(args[0]);
        GateClient client = "sidecar".equals(args[1])
                ? SidecarGateClient.of(URI.create(args[2]))
                : new CliGateClient(GaitCli.of(Arrays.copyOfRange(args, 3, args.length)).inDirectory(workspace), Path.of(args[2]));
        ToolGate gate = new ToolGate(client);
        IntentContext context = IntentContext.builder("alice", workspace.toString(), "low").agentId("mcp-example").build();

        McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper()))
                .serverInfo("gait-mcp-example", "0.1.0")
                .capabilities(ServerCapabilities.builder().tools(true).build())
                .tools(GaitMcpTools.gated(List.of(readFile(workspace), deleteFile(workspace)), gate, GaitMcpTools.intents(context)))
                .build();
        Thread.currentThread().join(); // serve until the client ends the process
    }

    static SyncToolSpecification readFile(Path workspace) {
        return tool("read_file", "Reads a file of the workspace", (path) -> {
            executed(workspace, "read_file");
            return Files.readString(workspace.resolve(path));
        });
    }

    static SyncToolSpecification deleteFile(Path workspace) {
        return tool("delete_file", "Deletes a file of the workspace", (path) -> {
            executed(workspace, "delete_file");
            Files.delete(workspace.resolve(path));
            return "deleted " + path;
        });
    }

    interface FileAction {
        String apply(String path) throws IOException;
    }

    private static SyncToolSpecification tool(String name, String description, FileAction action) {
        return SyncToolSpecification.builder()
                .tool(Tool.builder(name).description(description).inputSchema(PATH_ARGUMENT).build())
                .callHandler((exchange, request) -> {
                    try {
                        String text = action.apply(String.valueOf(request.arguments().get("path")));
                        return CallToolResult.builder().addTextContent(text).build();
                    } catch (IOException e) {
                        return CallToolResult.builder().isError(true).addTextContent(e.toString()).build();
                    }
                })
                .build();
    }

    private static void executed(Path workspace, String tool) {
        try {
            Files.writeString(workspace.resolve("executed.log"), tool + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
