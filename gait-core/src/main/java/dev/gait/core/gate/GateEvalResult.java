package dev.gait.core.gate;

import dev.gait.core.json.JsonObject;
import java.util.List;

/**
 * The result document of one gate decision, as {@code gait gate eval --json} prints it (without
 * the CLI envelope's {@code ok} and {@code correlation_id}) and as the decision sidecar returns it.
 * Every surface builds it here, so the two never drift apart.
 */
public final class GateEvalResult {

    private GateEvalResult() {}

    /**
     * The files written besides the trace for one decision; an empty path means not written.
     *
     * @param approvalAudit the approval audit record
     * @param delegationAudit the delegation audit record
     * @param credentialEvidence the credential broker's evidence
     */
    public record Records(String approvalAudit, String delegationAudit, String credentialEvidence) {
        public static final Records NONE = new Records("", "", "");
    }

    public static JsonObject document(String profile, Gate.Outcome outcome, String tracePath, Records records, List<String> warnings) {
        JsonObject.Builder json = JsonObject.builder()
                .put("profile", profile)
                .put("verdict", outcome.verdict().wire())
                .putStringsOmitEmpty("reason_codes", outcome.reasonCodes())
                .putStringsOmitEmpty("violations", outcome.violations())
                .putOmitEmpty("required_approvals", outcome.decision().minApprovals())
                .put("trace_id", outcome.traceId())
                .put("trace_path", tracePath)
                .putOmitEmpty("approval_ref", outcome.approval() == null ? "" : outcome.approval().approvalRef())
                .putOmitEmpty("approval_audit_path", records.approvalAudit())
                .putOmitEmpty("delegation_ref", outcome.delegation() == null ? "" : outcome.delegation().delegationRef())
                .putOmitEmpty("delegation_audit_path", records.delegationAudit())
                .putOmitEmpty("credential_evidence_path", records.credentialEvidence())
                .putOmitEmpty("credential_ref", outcome.broker() == null || outcome.broker().credential() == null ? ""
                        : outcome.broker().credential().credentialRef())
                .put("policy_digest", outcome.policyDigest())
                .put("intent_digest", outcome.intentDigest())
                .putOmitEmpty("matched_rule", outcome.decision().matchedRule())
                .put("phase", outcome.intent().context().string("phase").orElse(""))
                .putOmitEmpty("context_set_digest", outcome.intent().context().string("context_set_digest").orElse(""))
                .putOmitEmpty("context_evidence_mode", outcome.intent().context().string("context_evidence_mode").orElse(""));
        if (outcome.intent().isScript()) {
            json.put("script", true)
                    .put("step_count", outcome.intent().steps().size())
                    .put("script_hash", outcome.intent().scriptHash())
                    .put("composite_risk_class", outcome.decision().compositeRiskClass())
                    .put("step_verdicts", outcome.trace().get("step_verdicts").orElseThrow());
        }
        usage(json, "rate_limit", outcome.rateLimit());
        usage(json, "destructive_budget", outcome.destructiveBudget());
        if (outcome.simulatedVerdict() != null) {
            json.put("simulate_mode", true)
                    .putOmitEmpty("would_have_blocked", outcome.wouldHaveBlocked())
                    .put("simulated_verdict", outcome.simulatedVerdict().wire())
                    .putStringsOmitEmpty("simulated_reason_codes", outcome.simulatedReasonCodes());
        }
        json.putOmitEmpty("freeze_window", outcome.decision().freezeWindow());
        json.putOmitEmpty("sandbox", outcome.decision().sandbox());
        json.putOmitEmpty("kill_switch", outcome.killSwitch());
        json.putStringsOmitEmpty("warnings", warnings);
        return json.build();
    }

    private static void usage(JsonObject.Builder json, String prefix, RateLimiter.Usage usage) {
        if (usage != null) {
            json.put(prefix + "_scope", usage.scope())
                    .put(prefix + "_key", usage.key())
                    .put(prefix + "_used", usage.used())
                    .put(prefix + "_remaining", usage.remaining());
        }
    }
}
