package dev.gait.core.gate;

import dev.gait.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The approval and delegation audit records one decision leaves: a record whenever the check ran
 * or tokens were presented (a presented token that was never needed is still on record). Every
 * surface that takes tokens ({@code gate eval}, the sidecar) writes them from here.
 */
public final class DecisionAudits {

    private DecisionAudits() {}

    /** The {@code gait.gate.approval_audit_record}, if the decision calls for one. */
    public static Optional<JsonObject> approval(Gate.Outcome outcome, PresentedTokens presented) {
        if (outcome.approval() == null && presented.tokens().isEmpty()) {
            return Optional.empty();
        }
        ApprovalCheck.Result approval = outcome.approval() != null ? outcome.approval()
                : new ApprovalCheck.Result(false, List.of(), "", 0, List.of());
        return Optional.of(approval.auditRecord(outcome));
    }

    /** The {@code gait.gate.delegation_audit_record}, if the decision calls for one. */
    public static Optional<JsonObject> delegation(Gate.Outcome outcome, PresentedTokens presented) {
        if (outcome.delegation() == null && presented.tokens().isEmpty()) {
            return Optional.empty();
        }
        DelegationCheck.Result delegation = outcome.delegation() != null ? outcome.delegation()
                : new DelegationCheck.Result(false, List.of(), "", List.of());
        return Optional.of(delegation.auditRecord(outcome));
    }

    /** Writes an audit record as its own file, as trace files are written (indented, atomically and durably). */
    public static void write(Path target, JsonObject record) {
        GateTraceFiles.write(target, record);
    }
}
