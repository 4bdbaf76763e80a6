package dev.gait.client.langchain4j;

import dev.gait.client.intent.IntentContext;
import dev.gait.client.intent.IntentRequest;
import dev.gait.client.json.Json;
import dev.gait.client.tool.ToolGate;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Gated tools for {@code AiServices.builder(...).tools(Map)}: every {@code @Tool} method of an
 * object, or every executor of a tool map, behind a {@link GatedToolExecutor}.
 *
 * <pre>{@code
 * ToolGate gate = new ToolGate(SidecarGateClient.of(URI.create("http://127.0.0.1:8787")));
 * Assistant assistant = AiServices.builder(Assistant.class)
 *         .chatModel(model)
 *         .tools(GaitTools.gated(new FileTools(), gate, GaitTools.intents(context)))
 *         .build();
 * }</pre>
 */
public final class GaitTools {

    private GaitTools() {}

    /**
     * The simplest intent of a tool call: the tool's name as {@code tool_name}, its JSON arguments
     * as {@code args}, and a fixed context. Write your own function to add targets or provenance.
     */
    public static Function<ToolExecutionRequest, IntentRequest> intents(IntentContext context) {
        return request -> IntentRequest.builder(request.name(), context)
                .args(arguments(request))
                .build();
    }

    /** The arguments of a tool call as a JSON object (empty when the model sent none). */
    public static Map<String, Object> arguments(ToolExecutionRequest request) {
        String text = request.arguments();
        return text == null || text.isBlank() ? Map.of() : Json.readObject(text);
    }

    /** Every {@code @Tool} method of {@code tools}, each gated. */
    public static Map<ToolSpecification, ToolExecutor> gated(Object tools, ToolGate gate,
            Function<ToolExecutionRequest, IntentRequest> intentOf) {
        Map<ToolSpecification, ToolExecutor> executors = new LinkedHashMap<>();
        for (Method method : tools.getClass().getDeclaredMethods()) {
            if (method.isAnnotationPresent(Tool.class)) {
                executors.put(ToolSpecifications.toolSpecificationFrom(method), new DefaultToolExecutor(tools, method));
            }
        }
        if (executors.isEmpty()) {
            throw new IllegalArgumentException(tools.getClass().getName() + " has no @Tool method");
        }
        return gated(executors, gate, intentOf);
    }

    /** The same tools with every executor gated. */
    public static Map<ToolSpecification, ToolExecutor> gated(Map<ToolSpecification, ToolExecutor> tools, ToolGate gate,
            Function<ToolExecutionRequest, IntentRequest> intentOf) {
        Map<ToolSpecification, ToolExecutor> gatedTools = new LinkedHashMap<>();
        tools.forEach((specification, executor) ->
                gatedTools.put(specification, new GatedToolExecutor(executor, gate, intentOf)));
        return gatedTools;
    }
}
