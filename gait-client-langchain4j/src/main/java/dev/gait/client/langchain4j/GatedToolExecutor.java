package dev.gait.client.langchain4j;

import dev.gait.client.intent.IntentRequest;
import dev.gait.client.tool.GateBlockedException;
import dev.gait.client.tool.ToolGate;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A LangChain4j {@link ToolExecutor} that asks Gait before every execution and runs the wrapped
 * executor only on {@code allow}. Any other verdict, or a decision that could not be had, throws
 * {@link GateBlockedException}; an {@code AiServices} loop hands its message (verdict, reason codes,
 * trace id) to the model as the tool's error, and the tool has not run.
 */
public final class GatedToolExecutor implements ToolExecutor {

    private final ToolExecutor delegate;
    private final ToolGate gate;
    private final Function<ToolExecutionRequest, IntentRequest> intentOf;

    public GatedToolExecutor(ToolExecutor delegate, ToolGate gate, Function<ToolExecutionRequest, IntentRequest> intentOf) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.intentOf = Objects.requireNonNull(intentOf, "intentOf");
    }

    @Override
    public String execute(ToolExecutionRequest request, Object memoryId) {
        return gated(request, () -> delegate.execute(request, memoryId));
    }

    @Override
    public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
        return gated(request, () -> delegate.executeWithContext(request, context));
    }

    private <T> T gated(ToolExecutionRequest request, Callable<T> execution) {
        try {
            return gate.call(intentOf.apply(request), execution);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Executors throw only unchecked exceptions; anything else still means the call failed.
            throw new IllegalStateException(e);
        }
    }
}
