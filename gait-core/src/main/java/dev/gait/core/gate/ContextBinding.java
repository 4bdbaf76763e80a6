package dev.gait.core.gate;

import static dev.gait.core.gate.RuleMatcher.text;

import dev.gait.core.context.ContextEnvelope;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.Receipt;
import java.time.Instant;
import java.util.List;

/**
 * Binds an intent to verified context evidence: the intent's claims must agree with the envelope,
 * and are then replaced by the envelope's own values (digest, mode, references, age of the oldest
 * record at the evaluation time).
 */
final class ContextBinding {

    private ContextBinding() {}

    /** What the intent claims that the envelope contradicts; empty when the claims agree. */
    static String mismatch(JsonObject claimed, ContextEnvelope envelope) {
        String digest = text(claimed, "context_set_digest");
        if (!digest.isEmpty() && !digest.equals(envelope.contextSetDigest())) {
            return "context_set_digest differs from the envelope";
        }
        String mode = text(claimed, "context_evidence_mode");
        if (!mode.isEmpty() && !mode.equals(envelope.evidenceMode())) {
            return "context_evidence_mode differs from the envelope";
        }
        List<String> refs = envelope.records().stream().map(Receipt::refId).toList();
        if (!refs.containsAll(RuleMatcher.strings(claimed, "context_refs"))) {
            return "context_refs name records the envelope does not hold";
        }
        return "";
    }

    static JsonObject bind(JsonObject context, ContextEnvelope envelope, Instant now) {
        JsonObject auth = context.object("auth_context").orElse(JsonObject.EMPTY);
        long age = envelope.maxAgeSeconds(now);
        JsonObject.Builder bound = context.toBuilder()
                .put("context_set_digest", envelope.contextSetDigest())
                .put("context_evidence_mode", envelope.evidenceMode())
                .putStringsOmitEmpty("context_refs", Decision.sorted(envelope.records().stream().map(Receipt::refId).toList()));
        if (age >= 0) {
            bound.put("auth_context", auth.toBuilder().put("context_age_seconds", age).build());
        }
        return bound.build();
    }

    /**
     * A binding that fails is not evaluable: blocked when fail-closed covers the intent's risk class,
     * otherwise invalid input.
     */
    static Decision failure(Policy policy, JsonObject claimed, String mismatch) {
        Policy.FailClosed failClosed = policy.failClosed();
        if (failClosed.enabled() && failClosed.riskClasses().contains(text(claimed, "risk_class"))) {
            return Decision.simple(Verdict.BLOCK, List.of("fail_closed_intent_invalid"), List.of("intent_not_evaluable"));
        }
        throw IntentFields.invalid("context envelope binding failed: " + mismatch);
    }
}
