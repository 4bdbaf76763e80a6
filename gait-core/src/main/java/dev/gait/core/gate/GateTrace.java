package dev.gait.core.gate;

import dev.gait.core.canon.GoTime;
import dev.gait.core.digest.Digests;
import dev.gait.core.digest.Ids;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.relationship.RelationshipEnvelope;
import dev.gait.core.sign.Signatures;
import dev.gait.core.sign.Signer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The signed trace record of a gate decision ({@code gait.gate.trace} 1.0.0): what was decided,
 * for which intent and policy digests, with the context that mattered, signed over the record
 * without its signature.
 */
public final class GateTrace {
    public static final String SCHEMA_ID = "gait.gate.trace";
    private static final List<String> CONTEXT_ECHO = List.of("agent_id", "run_id", "workflow_id", "repo", "environment",
            "credential_ref", "credential_source", "credential_access_type", "credential_issuer", "credential_subject",
            "credential_owner", "credential_target_binding", "credential_run_binding", "credential_job_binding");

    private GateTrace() {}

    record Facts(NormalizedIntent intent, Decision decision, Verdict verdict, List<String> violations, String intentDigest,
                 String policyDigest, String traceId, OffsetDateTime createdAt, Instant observedAt, String correlationId,
                 double latencyMs, JsonObject killSwitch, String approvalRef,
                 dev.gait.core.gate.broker.Credential credential, JsonObject delegationRef, JsonObject scriptApproval) {}

    static JsonObject build(Facts facts, Signer signer) {
        NormalizedIntent intent = facts.intent();
        JsonObject context = intent.context();
        String observedAt = GoTime.formatUtc(facts.observedAt());
        List<String> stepRules = facts.decision().stepVerdicts().stream()
                .flatMap(s -> List.of(s.matchedRule().split(",")).stream()).toList();
        JsonObject.Builder trace = JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", GoTime.format(facts.createdAt()))
                .put("observed_at", observedAt)
                .put("producer_version", dev.gait.core.version.GaitVersion.current())
                .put("trace_id", facts.traceId())
                .put("event_id", Ids.h12(facts.traceId() + ":" + observedAt))
                .putOmitEmpty("correlation_id", facts.correlationId())
                .put("tool_name", intent.toolName())
                .put("args_digest", intent.argsDigest())
                .put("intent_digest", facts.intentDigest())
                .put("policy_digest", facts.policyDigest())
                .put("policy_id", Policy.SCHEMA_ID)
                .put("policy_version", Policy.SCHEMA_VERSION)
                .putStringsOmitEmpty("matched_rule_ids", Decision.sorted(stepRules))
                .put("verdict", facts.verdict().wire())
                .putStringsOmitEmpty("violations", facts.violations())
                .put("latency_ms", facts.latencyMs());
        for (String key : CONTEXT_ECHO) {
            trace.putOmitEmpty(key, RuleMatcher.text(context, key));
        }
        trace.putOmitEmpty("agent_identity", context.object("agent_identity").orElse(null))
                .putOmitEmpty("credential_ttl_seconds", RuleMatcher.number(context, "credential_ttl_seconds"))
                .putOmitEmpty("approval_ref", facts.approvalRef().isEmpty() ? RuleMatcher.text(context, "approval_ref") : facts.approvalRef())
                .putOmitEmpty("wrkr_inventory_ref", RuleMatcher.text(context, "wrkr_inventory_ref"))
                .putOmitEmpty("agent_action_bom_ref", RuleMatcher.text(context, "agent_action_bom_ref"))
                .putOmitEmpty("context_set_digest", RuleMatcher.text(context, "context_set_digest"))
                .putOmitEmpty("context_evidence_mode", RuleMatcher.text(context, "context_evidence_mode"))
                .putOmitEmpty("context_ref_count", RuleMatcher.strings(context, "context_refs").size())
                .putOmitEmpty("skill_provenance", intent.skillProvenance());
        if (intent.isScript()) {
            trace.put("script", true)
                    .put("step_count", intent.steps().size())
                    .put("script_hash", intent.scriptHash())
                    .put("composite_risk_class", facts.decision().compositeRiskClass())
                    .put("step_verdicts", stepVerdicts(facts.decision()));
        }
        if (facts.credential() != null) {
            trace.put("broker_credential_ref", facts.credential().credentialRef())
                    .putOmitEmpty("broker_credential_source", facts.credential().source())
                    .putOmitEmpty("broker_credential_issuer", facts.credential().issuer())
                    .putOmitEmpty("broker_credential_access_type", facts.credential().accessType())
                    .putOmitEmpty("broker_request_digest", facts.credential().requestDigest())
                    .putOmitEmpty("broker_target_binding", facts.credential().bindings().target())
                    .putOmitEmpty("broker_run_binding", facts.credential().bindings().run())
                    .putOmitEmpty("broker_job_binding", facts.credential().bindings().job());
        }
        trace.putOmitEmpty("delegation_ref", facts.delegationRef());
        if (facts.scriptApproval() != null) {
            facts.scriptApproval().members().forEach(trace::put);
        }
        trace.putOmitEmpty("freeze_window", facts.decision().freezeWindow());
        trace.putOmitEmpty("sandbox", facts.decision().sandbox());
        trace.putOmitEmpty("kill_switch", facts.killSwitch());
        trace.putOmitEmpty("relationship", relationship(facts, stepRules));
        JsonObject unsigned = trace.build();
        return unsigned.toBuilder()
                .put("signature", Signatures.signDigest(signer, Digests.jcsHex(unsigned)).toJson())
                .build();
    }

    static JsonArray stepVerdicts(Decision decision) {
        List<JsonValue> steps = new ArrayList<>();
        for (Decision.StepVerdict step : decision.stepVerdicts()) {
            steps.add(JsonObject.builder()
                    .put("index", step.index())
                    .put("tool_name", step.toolName())
                    .put("verdict", step.verdict().wire())
                    .putStringsOmitEmpty("reason_codes", step.reasonCodes())
                    .putStringsOmitEmpty("violations", step.violations())
                    .putOmitEmpty("matched_rule", step.matchedRule())
                    .build());
        }
        return new JsonArray(steps);
    }

    /** Links the trace to its session, tool, agent, policy and delegation chain. */
    private static JsonObject relationship(Facts facts, List<String> stepRules) {
        NormalizedIntent intent = facts.intent();
        String identity = RuleMatcher.text(intent.context(), "identity");
        String session = RuleMatcher.text(intent.context(), "session_id");
        List<JsonValue> agents = new ArrayList<>(List.of(JsonObject.builder().put("identity", identity).put("role", "requester").build()));
        List<JsonValue> edges = new ArrayList<>(List.of(
                edge("calls", "agent", identity, "tool", intent.toolName()),
                edge("governed_by", "tool", intent.toolName(), "policy", facts.policyDigest())));
        if (intent.delegation() != null) {
            for (JsonValue link : intent.delegation().array("chain").orElse(JsonArray.EMPTY).elements()) {
                JsonObject l = (JsonObject) link;
                String delegator = RuleMatcher.text(l, "delegator_identity");
                String delegate = RuleMatcher.text(l, "delegate_identity");
                agents.add(JsonObject.builder().put("identity", delegator).put("role", "delegator").build());
                agents.add(JsonObject.builder().put("identity", delegate).put("role", "delegate").build());
                edges.add(edge("delegates_to", "agent", delegator, "agent", delegate));
            }
        }
        JsonObject.Builder envelope = JsonObject.builder()
                .put("entity_refs", new JsonArray(List.of(ref("trace", facts.traceId()), ref("tool", intent.toolName()),
                        ref("agent", identity), ref("policy", facts.policyDigest()))))
                .put("policy_ref", JsonObject.builder()
                        .put("policy_id", Policy.SCHEMA_ID)
                        .put("policy_version", Policy.SCHEMA_VERSION)
                        .put("policy_digest", facts.policyDigest())
                        .putStrings("matched_rule_ids", stepRules)
                        .build())
                .put("agent_chain", new JsonArray(agents))
                .put("edges", new JsonArray(edges));
        if (!session.isEmpty()) {
            envelope.put("parent_ref", ref("session", session));
        }
        return RelationshipEnvelope.normalize(envelope.build());
    }

    private static JsonObject ref(String kind, String id) {
        return JsonObject.builder().put("kind", kind).put("id", id).build();
    }

    private static JsonObject edge(String kind, String fromKind, String fromId, String toKind, String toId) {
        return JsonObject.builder().put("kind", kind).put("from", ref(fromKind, fromId)).put("to", ref(toKind, toId)).build();
    }
}
