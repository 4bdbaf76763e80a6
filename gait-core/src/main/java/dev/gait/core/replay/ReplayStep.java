package dev.gait.core.replay;

import dev.gait.core.json.JsonObject;

/**
 * One replayed tool call.
 *
 * @param execution {@code recorded} (the recorded result), {@code stubbed} (a deterministic stand-in),
 *     {@code missing} (nothing to replay) or {@code real} (run again by an executor)
 * @param result the payload of a real or recorded raw result, or null
 */
public record ReplayStep(String intentId, String toolName, String status, String execution, String stubType, String executor,
                         String resultDigest, JsonObject result) {

    public boolean missing() {
        return execution.equals("missing");
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("intent_id", intentId)
                .put("tool_name", toolName)
                .put("status", status)
                .put("execution", execution)
                .putOmitEmpty("stub_type", stubType)
                .putOmitEmpty("executor", executor)
                .putOmitEmpty("result_digest", resultDigest)
                .build();
    }
}
