package dev.gait.serve;

import dev.gait.core.error.GaitException;
import dev.gait.core.gate.DecisionAudits;
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
import java.util.Optional;

/**
 * Decides one intent with the state in force through the decision core ({@link Gate#evaluate}),
 * records its signed trace (and the approval and delegation audit records, when tokens were
 * presented or checked) and builds the same result document as {@code gait gate eval --json}.
 * Every API of the sidecar decides through here.
 */
public final class Decider {

    /** A decision: the core's outcome and the result document. */
    public record Decided(Gate.Outcome outcome, JsonObject result) {}

    /** The approval and delegation tokens presented with an intent; a null token is one that did not parse. */
    public record Tokens(List<JsonObject> approvals, List<JsonObject> delegations) {
        public static final Tokens NONE = new Tokens(List.of(), List.of());
    }

    /**
     * The keys that verify presented tokens; null means the default of {@code gate eval}: approvals
     * are verified with the signing key, delegations with the approval key, else the signing key.
     */
    public record TokenKeys(byte[] approval, byte[] delegation) {
        public static final TokenKeys SIGNING_KEY = new TokenKeys(null, null);
    }

    private final StateSource state;
    private final TraceSink traces;
    private final TokenKeys keys;
    private final Path auditDir;
    private final Path rateLimitState;
    private final String correlationId;
    private final Clock clock;
    private final SidecarMetrics metrics;

    public Decider(StateSource state, TraceSink traces, TokenKeys keys, Path auditDir, Path rateLimitState, String correlationId, Clock clock,
                   SidecarMetrics metrics) {
        this.state = state;
        this.traces = traces;
        this.keys = keys;
        this.auditDir = auditDir;
        this.rateLimitState = rateLimitState;
        this.correlationId = correlationId;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** @param api the API the intent came through, for the metrics */
    public Decided decide(JsonObject intent, Tokens tokens, String api) {
        long started = System.nanoTime();
        DecisionState current = state.current();
        byte[] approvalKey = keys.approval() != null ? keys.approval() : current.signer().publicKey();
        byte[] delegationKey = keys.delegation() != null ? keys.delegation() : approvalKey;
        PresentedTokens approvals = new PresentedTokens(tokens.approvals(), List.of(approvalKey));
        PresentedTokens delegations = new PresentedTokens(tokens.delegations(), List.of(delegationKey));
        Gate.Outcome outcome = Gate.evaluate(new Gate.Request(current.policy(), intent, null, null, current.killSwitchInput(),
                current.approvedScripts(), delegations, approvals, current.broker(), false, clock.instant(), rateLimitState, clock, current.signer(), correlationId));
        String tracePath;
        try {
            tracePath = traces.record(outcome);
        } catch (GaitException e) {
            // the request was fine: a decision the sidecar cannot record is its own failure (500), never an answer
            throw GaitException.io("cannot record the decision's trace: " + e.getMessage(), e);
        }
        String eventId = outcome.trace().string("event_id").orElse("");
        GateEvalResult.Records records = new GateEvalResult.Records(
                audit("approval_audit_", outcome, eventId, DecisionAudits.approval(outcome, approvals)),
                audit("delegation_audit_", outcome, eventId, DecisionAudits.delegation(outcome, delegations)), "");
        metrics.decided(api, outcome.verdict().wire(), System.nanoTime() - started);
        return new Decided(outcome, GateEvalResult.document("standard", outcome, tracePath, records, List.of()));
    }

    /** Writes an audit record, named like the trace files, into the audit directory; returns its path or "". */
    private String audit(String prefix, Gate.Outcome outcome, String eventId, Optional<JsonObject> record) {
        if (record.isEmpty()) {
            return "";
        }
        Path target = auditDir.resolve(prefix + outcome.traceId() + "_" + eventId + ".json");
        DecisionAudits.write(target, record.get());
        return target.toString();
    }

    public String correlationId() {
        return correlationId;
    }
}
