package dev.gait.client.tool;

import dev.gait.client.gate.GateDecision;
import java.util.List;

/**
 * A tool call that did not run because Gait did not allow it (or could not be asked). Carries the
 * verdict, the reason codes and the trace id of the signed decision.
 */
public final class GateBlockedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient GateDecision decision;

    public GateBlockedException(String toolName, GateDecision decision) {
        super("gait did not allow " + toolName + ": " + decision);
        this.decision = decision;
    }

    public GateDecision decision() {
        return decision;
    }

    public String verdict() {
        return decision.verdict();
    }

    public List<String> reasonCodes() {
        return decision.reasonCodes();
    }

    public String traceId() {
        return decision.traceId();
    }
}
