package dev.gait.core.replay.diff;

import dev.gait.core.json.JsonObject;

/**
 * One call of a variant's replay: what was called, what the policy said, and what came back.
 *
 * @param verdict the policy's verdict, {@code unevaluated} without a policy, {@code error} for a call the gate cannot read
 * @param status the result's status; {@code not_executed} when the verdict kept the call from running
 */
public record VariantStep(int index, String toolName, String argsDigest, String verdict, String status, String resultDigest) {

    /** Calls are the same call when tool and arguments are. */
    String callKey() {
        return toolName + "|" + argsDigest;
    }

    JsonObject toJson() {
        return JsonObject.builder()
                .put("index", index)
                .put("tool_name", toolName)
                .put("args_digest", argsDigest)
                .put("verdict", verdict)
                .put("status", status)
                .putOmitEmpty("result_digest", resultDigest)
                .build();
    }
}
