package dev.gait.core.runpack;

import dev.gait.core.json.JsonObject;

/** One line of {@code intents.jsonl}; {@code args} is null when not captured. */
public record IntentRecord(RecordHeader header, String intentId, String toolName, String argsDigest, JsonObject args) {
    public static final String SCHEMA_ID = "gait.runpack.intent";

    public JsonObject toJson() {
        return header.start(SCHEMA_ID)
                .put("intent_id", intentId)
                .put("tool_name", toolName)
                .put("args_digest", argsDigest)
                .putOmitEmpty("args", args)
                .build();
    }

    IntentRecord withoutArgs() {
        return new IntentRecord(header, intentId, toolName, argsDigest, null);
    }
}
