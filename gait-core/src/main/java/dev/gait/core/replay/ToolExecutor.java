package dev.gait.core.replay;

import dev.gait.core.json.JsonObject;

/**
 * Runs one recorded tool call again, for real. Implementations decide nothing about whether the
 * call may run: replay asks them only for tools the operator allowed, with every interlock met.
 */
public interface ToolExecutor {

    /** The executor's name as operators select it ({@code http_get}, {@code file_read}, …). */
    String name();

    /** Runs the call described by the recorded arguments; failures are results with status {@code error}, not exceptions. */
    Result execute(String toolName, JsonObject args);

    /** What a real call returned: {@code ok} or {@code error}, and the payload recorded in the replay runpack. */
    record Result(String status, JsonObject payload) {
        public static Result ok(JsonObject payload) {
            return new Result("ok", payload);
        }

        public static Result error(String message) {
            return new Result("error", JsonObject.builder().put("error", message).build());
        }
    }
}
