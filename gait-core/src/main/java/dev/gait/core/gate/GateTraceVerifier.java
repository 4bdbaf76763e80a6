package dev.gait.core.gate;

import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.SignatureCheck;
import java.util.List;

/**
 * Verifies a signed gate trace offline: the record must be a {@code gait.gate.trace} with its
 * identifying fields, and its signature must cover the canonical digest of the record without the
 * signature. A trace that is not JSON, or not a trace at all, is invalid input.
 */
public final class GateTraceVerifier {

    private static final List<String> REQUIRED = List.of("trace_id", "tool_name", "intent_digest", "policy_digest", "verdict");

    private GateTraceVerifier() {}

    /** The outcome; {@link #ok()} requires a verified signature when one is required. */
    public record Report(String path, JsonObject trace, SignatureCheck signature, boolean signatureRequired) {

        public boolean ok() {
            return signature.passes(signatureRequired);
        }

        public String traceId() {
            return trace.string("trace_id").orElse("");
        }

        /** The run the decision belonged to, when the intent named one. */
        public String runId() {
            return trace.string("run_id").orElse("");
        }

        public String failure() {
            if (ok()) {
                return "";
            }
            String why = signature.note().isEmpty() ? String.join("; ", signature.errors()) : signature.note();
            return "signature " + signature.status().wire() + (why.isEmpty() ? "" : ": " + why);
        }

        public JsonObject toJson() {
            return JsonObject.builder()
                    .putOmitEmpty("path", path)
                    .put("trace_id", traceId())
                    .put("verdict", trace.string("verdict").orElse(""))
                    .put("intent_digest", trace.string("intent_digest").orElse(""))
                    .put("policy_digest", trace.string("policy_digest").orElse(""))
                    .putOmitEmpty("run_id", runId())
                    .put("signature_status", signature.status().wire())
                    .putStringsOmitEmpty("signature_errors", signature.errors())
                    .putOmitEmpty("signature_note", signature.note())
                    .build();
        }
    }

    public static Report verify(byte[] bytes, String path, List<byte[]> trustedKeys, boolean requireSignature) {
        JsonObject trace;
        try {
            trace = JsonReader.strict().readObject(bytes);
        } catch (JsonException e) {
            throw GaitException.invalidInput("trace " + path + ": " + e.getMessage(), e);
        }
        if (!trace.string("schema_id").orElse("").equals(GateTrace.SCHEMA_ID)) {
            throw GaitException.invalidInput("trace " + path + ": schema_id is not " + GateTrace.SCHEMA_ID);
        }
        for (String field : REQUIRED) {
            if (trace.string(field).orElse("").isEmpty()) {
                throw GaitException.invalidInput("trace " + path + ": missing " + field);
            }
        }
        List<JsonValue> signatures = trace.get("signature").map(List::of).orElse(List.of());
        SignatureCheck signature = SignatureCheck.of(signatures, Digests.jcsHex(trace.without("signature")), trustedKeys,
                requireSignature, "trace has no signature");
        return new Report(path, trace, signature, requireSignature);
    }
}
