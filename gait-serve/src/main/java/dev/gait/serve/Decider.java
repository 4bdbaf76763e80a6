package dev.gait.serve;

import dev.gait.core.gate.Gate;
import dev.gait.core.gate.GateEvalResult;
import dev.gait.core.gate.PresentedTokens;
import dev.gait.core.json.JsonObject;
import dev.gait.serve.state.DecisionState;
import dev.gait.serve.state.StateSource;
import dev.gait.serve.trace.TraceSink;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Decides one intent with the state in force through the decision core ({@link Gate#evaluate}),
 * records its signed trace and builds the same result document as {@code gait gate eval --json}.
 * Every API of the sidecar decides through here.
 */
public final class Decider {

    /** A decision: the core's outcome and the result document. */
    public record Decided(Gate.Outcome outcome, JsonObject result) {}

    private final StateSource state;
    private final TraceSink traces;
    private final Path rateLimitState;
    private final String correlationId;
    private final Clock clock;
    private final SidecarMetrics metrics;

    public Decider(StateSource state, TraceSink traces, Path rateLimitState, String correlationId, Clock clock, SidecarMetrics metrics) {
        this.state = state;
        this.traces = traces;
        this.rateLimitState = rateLimitState;
        this.correlationId = correlationId;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** @param api the API the intent came through, for the metrics */
    public Decided decide(JsonObject intent, String api) {
        long started = System.nanoTime();
        DecisionState current = state.current();
        // no approval or delegation tokens come through the sidecar: a require_approval verdict stands
        PresentedTokens none = new PresentedTokens(List.of(), List.of(current.signer().publicKey()));
        Gate.Outcome outcome = Gate.evaluate(new Gate.Request(current.policy(), intent, null, null, current.killSwitchInput(),
                current.approvedScripts(), none, none, current.broker(), false, clock.instant(), rateLimitState, clock, current.signer(), correlationId));
        String tracePath = traces.record(outcome);
        metrics.decided(api, outcome.verdict().wire(), System.nanoTime() - started);
        return new Decided(outcome, GateEvalResult.document("standard", outcome, tracePath, GateEvalResult.Records.NONE, List.of()));
    }

    public String correlationId() {
        return correlationId;
    }
}
