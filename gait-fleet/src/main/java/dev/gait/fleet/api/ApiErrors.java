package dev.gait.fleet.api;

import dev.gait.core.json.JsonObject;
import dev.gait.serve.http.ErrorFormat;
import dev.gait.serve.http.HttpError;
import dev.gait.serve.http.Reply;

/** The fleet API's one error envelope: {@code {"ok":false,"error":{"code":…,"message":…}}}. */
public final class ApiErrors {

    public static final ErrorFormat FORMAT = (error, message) -> envelope(error.status(), error.code(), message, JsonObject.EMPTY);

    private ApiErrors() {}

    public static Reply of(HttpError error, String message) {
        return FORMAT.error(error, message);
    }

    /** An error with its own code and extra members in {@code error}. */
    public static Reply envelope(int status, String code, String message, JsonObject extra) {
        JsonObject.Builder error = extra.toBuilder().put("code", code).put("message", message);
        return Reply.json(status, JsonObject.builder().put("ok", false).put("error", error.build()).build());
    }
}
