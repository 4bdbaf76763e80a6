package dev.gait.client.mcp;

import dev.gait.client.intent.IntentContext;
import dev.gait.client.intent.IntentRequest;
import dev.gait.client.tool.GateBlockedException;
import dev.gait.client.tool.ToolGate;
import io.modelcontextprotocol.server.McpServerFeatures.AsyncToolSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Gated tool handlers for an MCP Java SDK server (synchronous or asynchronous): each call is decided by Gait first and reaches
 * the wrapped handler only on {@code allow}. Any other verdict, or a decision that could not be
 * had, answers the MCP client with a tool error ({@code isError: true}) whose text and structured
 * content carry the verdict, reason codes and trace id; the handler has not run.
 *
 * <pre>{@code
 * McpServer.sync(transport)
 *         .capabilities(ServerCapabilities.builder().tools(true).build())
 *         .tools(GaitMcpTools.gated(List.of(readFile, deleteFile), gate, GaitMcpTools.intents(context)))
 *         .build();
 * }</pre>
 */
public final class GaitMcpTools {

    private GaitMcpTools() {}

    /**
     * The simplest intent of an MCP tool call: the tool's name as {@code tool_name}, its arguments
     * as {@code args}, and a fixed context. Write your own function to add targets or provenance.
     */
    public static BiFunction<Tool, CallToolRequest, IntentRequest> intents(IntentContext context) {
        return (tool, request) -> IntentRequest.builder(tool.name(), context)
                .args(request.arguments() == null ? Map.of() : request.arguments())
                .build();
    }

    /** The tool with its handler gated. */
    public static SyncToolSpecification gated(SyncToolSpecification specification, ToolGate gate,
            BiFunction<Tool, CallToolRequest, IntentRequest> intentOf) {
        Tool tool = specification.tool();
        return SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> decide(tool, request, gate, intentOf,
                        () -> specification.callHandler().apply(exchange, request)))
                .build();
    }

    /**
     * The tool of an asynchronous server with its handler gated. Asking Gait blocks (a process or an
     * HTTP call), so the decision and the wrapped handler run on Reactor's bounded elastic scheduler.
     */
    public static AsyncToolSpecification gated(AsyncToolSpecification specification, ToolGate gate,
            BiFunction<Tool, CallToolRequest, IntentRequest> intentOf) {
        Tool tool = specification.tool();
        return AsyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> Mono.fromCallable(() -> decide(tool, request, gate, intentOf,
                                () -> specification.callHandler().apply(exchange, request).block()))
                        .subscribeOn(Schedulers.boundedElastic()))
                .build();
    }

    /** Every tool with its handler gated. */
    public static List<SyncToolSpecification> gated(List<SyncToolSpecification> specifications, ToolGate gate,
            BiFunction<Tool, CallToolRequest, IntentRequest> intentOf) {
        List<SyncToolSpecification> gatedTools = new ArrayList<>();
        specifications.forEach(specification -> gatedTools.add(gated(specification, gate, intentOf)));
        return gatedTools;
    }

    private static CallToolResult decide(Tool tool, CallToolRequest request, ToolGate gate,
            BiFunction<Tool, CallToolRequest, IntentRequest> intentOf, Callable<CallToolResult> handler) {
        try {
            return gate.call(intentOf.apply(tool, request), handler);
        } catch (GateBlockedException blocked) {
            return refusal(tool, blocked);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Handlers throw only unchecked exceptions; anything else still means the call failed.
            throw new IllegalStateException(e);
        }
    }

    private static CallToolResult refusal(Tool tool, GateBlockedException blocked) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("verdict", blocked.verdict());
        decision.put("reason_codes", blocked.reasonCodes());
        if (blocked.traceId() != null) {
            decision.put("trace_id", blocked.traceId());
        }
        CallToolResult.Builder result = CallToolResult.builder().isError(true).addTextContent(blocked.getMessage());
        if (tool.outputSchema() == null) {
            // A tool with an output schema promises that shape; the decision then goes in the text only.
            result.structuredContent(Map.of("gait", decision));
        }
        return result.build();
    }
}
