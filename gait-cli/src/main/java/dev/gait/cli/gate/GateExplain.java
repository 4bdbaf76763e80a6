package dev.gait.cli.gate;

import dev.gait.core.gate.Decision;
import dev.gait.core.gate.Gate;
import dev.gait.core.gate.Verdict;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.gate.policy.PolicyRule;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.version.GaitVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code gate eval --explain --json}: why the policy decided what it did ({@code gait.gate.policy_explain}).
 * It describes the policy outcome before approvals and budgets, so its verdict may differ from the gate's.
 */
final class GateExplain {

    private GateExplain() {}

    static JsonObject document(Policy policy, Gate.Outcome outcome, String tracePath) {
        Decision decision = outcome.decision();
        List<String> names = decision.matchedRule().isEmpty() ? List.of() : Arrays.asList(decision.matchedRule().split(","));
        List<JsonValue> matched = new ArrayList<>();
        for (PolicyRule rule : policy.rules()) {
            if (names.contains(rule.name())) {
                matched.add(JsonObject.builder().put("name", rule.name()).put("priority", rule.priority()).put("effect", rule.effect()).build());
            }
        }
        List<String> failClosed = decision.reasonCodes().stream().filter(r -> r.startsWith("fail_closed_")).toList();
        List<String> missing = failClosed.stream().filter(r -> r.startsWith("fail_closed_missing_"))
                .map(r -> r.substring("fail_closed_missing_".length())).toList();
        JsonObject context = outcome.intent().context();
        String credentialRef = context.string("credential_ref").orElse("");
        boolean evidenceRequired = decision.reasonCodes().contains("context_evidence_missing");
        return JsonObject.builder()
                .put("schema_id", "gait.gate.policy_explain")
                .put("schema_version", "1.0.0")
                .put("created_at", outcome.trace().string("created_at").orElse(""))
                .put("producer_version", GaitVersion.current())
                .put("verdict", decision.verdict().wire())
                .putOmitEmpty("matched_rule", decision.matchedRule())
                .putOmitEmpty("matched_rules", new JsonArray(matched))
                .putStringsOmitEmpty("reason_codes", decision.reasonCodes())
                .putStringsOmitEmpty("violations", decision.violations())
                .putStringsOmitEmpty("missing_fields", missing)
                .putStringsOmitEmpty("fail_closed_reason_codes", failClosed)
                .put("approval_required", decision.verdict() == Verdict.REQUIRE_APPROVAL)
                .put("required_approvals", decision.minApprovals())
                .put("valid_approvals", 0)
                .putOmitEmpty("require_broker_credential", decision.credentialTerms().brokerRequired())
                .putOmitEmpty("broker_reference", decision.credentialTerms().brokerReference())
                .putStringsOmitEmpty("broker_scopes", decision.credentialTerms().brokerScopes())
                .putOmitEmpty("require_delegation", decision.requireDelegation())
                .put("credential_posture", JsonObject.builder()
                        .put("present", !credentialRef.isEmpty())
                        .putOmitEmpty("source", context.string("credential_source").orElse(""))
                        .putOmitEmpty("access_type", context.string("credential_access_type").orElse(""))
                        .putOmitEmpty("issuer", context.string("credential_issuer").orElse(""))
                        .putOmitEmpty("credential_ref", credentialRef)
                        .build())
                .put("context_evidence_status", evidenceRequired ? "missing" : "not_required")
                .put("proof_refs", JsonObject.builder().put("trace_id", outcome.traceId()).put("trace_path", tracePath).build())
                .build();
    }
}
