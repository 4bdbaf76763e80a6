package dev.gait.serve.http;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Exact-path routing: each path has endpoints by method and one error format. */
public final class Router {

    /** A path's endpoints and the error format of its API family. */
    public record Route(Map<String, Endpoint> byMethod, ErrorFormat errors) {}

    private final Map<String, Route> routes = new HashMap<>();
    private final ErrorFormat fallback;

    /** @param fallback the error format of paths that match no route */
    public Router(ErrorFormat fallback) {
        this.fallback = fallback;
    }

    public Router add(String method, String path, ErrorFormat errors, Endpoint endpoint) {
        routes.computeIfAbsent(path, p -> new Route(new TreeMap<>(), errors)).byMethod().put(method, endpoint);
        return this;
    }

    /** The error format for a path: its route's, or the fallback. */
    public ErrorFormat errorsFor(String path) {
        Route route = routes.get(path);
        return route == null ? fallback : route.errors();
    }

    Reply dispatch(HttpCall call) {
        Route route = routes.get(call.path());
        if (route == null) {
            return fallback.error(HttpError.NOT_FOUND, "no endpoint " + call.path());
        }
        Endpoint endpoint = route.byMethod().get(call.method());
        if (endpoint == null) {
            return route.errors().error(HttpError.METHOD_NOT_ALLOWED, call.method() + " is not allowed on " + call.path())
                    .withHeader("Allow", String.join(", ", route.byMethod().keySet()));
        }
        return endpoint.handle(call);
    }
}
