package dev.gait.client.tool;

import dev.gait.client.gate.GateClient;
import dev.gait.client.gate.GateDecision;
import dev.gait.client.intent.IntentRequest;
import dev.gait.client.run.RunCapture;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The gated-tool wrapper: asks Gait about an intent and runs the tool only when the verdict is
 * {@code allow}. Every other verdict, and every failure to ask, throws {@link GateBlockedException}
 * without running it. With a {@link RunCapture}, each attempt (intent, decision, result or error)
 * is recorded for {@code gait run record}.
 */
public final class ToolGate {

    private final GateClient client;
    private final RunCapture capture;

    public ToolGate(GateClient client) {
        this(client, null);
    }

    private ToolGate(GateClient client, RunCapture capture) {
        this.client = Objects.requireNonNull(client, "client");
        this.capture = capture;
    }

    /** The same gate, recording every attempt into {@code runCapture}. */
    public ToolGate recordingTo(RunCapture runCapture) {
        return new ToolGate(client, Objects.requireNonNull(runCapture, "runCapture"));
    }

    /**
     * Runs {@code tool} if and only if Gait allows {@code intent}.
     *
     * @throws GateBlockedException when the verdict is not allow; the tool did not run
     * @throws Exception whatever the tool throws
     */
    public <T> T call(IntentRequest intent, Callable<T> tool) throws Exception {
        GateDecision decision = client.evaluate(intent);
        if (!decision.isAllow()) {
            if (capture != null) {
                capture.recordNotExecuted(intent, decision);
            }
            throw new GateBlockedException(intent.toolName(), decision);
        }
        T result;
        try {
            result = tool.call();
        } catch (Exception | Error e) {
            if (capture != null) {
                capture.recordFailed(intent, decision, e);
            }
            throw e;
        }
        if (capture != null) {
            capture.recordExecuted(intent, decision, result);
        }
        return result;
    }

    /** A tool function whose every call is gated: {@code intentOf} describes an input as an intent. */
    public <I, O> GatedFunction<I, O> wrap(Function<I, IntentRequest> intentOf, GatedFunction<I, O> tool) {
        return input -> call(intentOf.apply(input), () -> tool.apply(input));
    }

    /** A tool as a function that may throw. */
    @FunctionalInterface
    public interface GatedFunction<I, O> {
        O apply(I input) throws Exception;
    }
}
