package dev.gait.core.runpack;

import dev.gait.core.json.JsonObject;

/** One line of {@code results.jsonl}; {@code result} is null when not captured. */
public record ResultRecord(RecordHeader header, String intentId, String status, String resultDigest, JsonObject result) {
    public static final String SCHEMA_ID = "gait.runpack.result";

    public JsonObject toJson() {
        return header.start(SCHEMA_ID)
                .put("intent_id", intentId)
                .put("status", status)
                .put("result_digest", resultDigest)
                .putOmitEmpty("result", result)
                .build();
    }

    ResultRecord withoutResult() {
        return new ResultRecord(header, intentId, status, resultDigest, null);
    }
}
