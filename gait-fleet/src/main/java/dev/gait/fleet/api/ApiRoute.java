package dev.gait.fleet.api;

import dev.gait.fleet.auth.Principal;
import dev.gait.serve.http.Endpoint;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.Reply;

/**
 * One route of the fleet API: method, path template, who may call it, the media type of its body,
 * a one-line summary (the API description is generated from these) and its handler.
 */
public record ApiRoute(String method, String template, Access access, String bodyType, String summary, Handler handler) {

    /** Answers one authorised call. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(HttpCall call, Principal caller);
    }

    public static ApiRoute get(String template, Access access, String summary, Handler handler) {
        return new ApiRoute("GET", template, access, "", summary, handler);
    }

    public static ApiRoute post(String template, Access access, String bodyType, String summary, Handler handler) {
        return new ApiRoute("POST", template, access, bodyType, summary, handler);
    }

    /** A public GET: it has no caller to know. */
    public static ApiRoute open(String template, String summary, Endpoint endpoint) {
        return new ApiRoute("GET", template, Access.PUBLIC, "", summary, (call, caller) -> endpoint.handle(call));
    }
}
