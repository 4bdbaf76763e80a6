package dev.gait.serve.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Path routing: each path template has endpoints by method and one error format. A template is an
 * exact path or has {@code {name}} segments that match one non-empty segment each; exact paths are
 * looked up first, so the sidecar's routes cost one map lookup.
 */
public final class Router {
    /** The route name of a path that matches no route. */
    public static final String UNMATCHED = "unmatched";

    /** What a route accepts as a request body when the method has one. */
    public static final String JSON = "application/json";

    /** One method of a route: its endpoint and the media type of the body it accepts. */
    public record Method(Endpoint endpoint, String bodyType) {}

    /** A path's endpoints and the error format of its API family. */
    public record Route(String template, Map<String, Method> byMethod, ErrorFormat errors) {}

    /** A declared route and method, for documentation and tests. */
    public record Declared(String method, String template) {}

    private record Match(Route route, Map<String, String> params) {}

    private final Map<String, Route> exact = new HashMap<>();
    private final Map<String, Route> templated = new TreeMap<>();
    private final ErrorFormat fallback;

    /** @param fallback the error format of paths that match no route */
    public Router(ErrorFormat fallback) {
        this.fallback = fallback;
    }

    public Router add(String method, String template, ErrorFormat errors, Endpoint endpoint) {
        return add(method, template, JSON, errors, endpoint);
    }

    /** @param bodyType the media type a body sent with {@code method} must have */
    public Router add(String method, String template, String bodyType, ErrorFormat errors, Endpoint endpoint) {
        Map<String, Route> table = template.contains("{") ? templated : exact;
        table.computeIfAbsent(template, t -> new Route(t, new TreeMap<>(), errors)).byMethod().put(method, new Method(endpoint, bodyType));
        return this;
    }

    /** Every route and method, sorted by template then method. */
    public List<Declared> declared() {
        Map<String, Route> all = new TreeMap<>(exact);
        all.putAll(templated);
        List<Declared> declared = new ArrayList<>();
        all.values().forEach(route -> route.byMethod().keySet().forEach(method -> declared.add(new Declared(method, route.template()))));
        return declared;
    }

    /** The template of the route a path matches, or {@link #UNMATCHED}. */
    public String templateFor(String path) {
        Match match = match(path);
        return match == null ? UNMATCHED : match.route().template();
    }

    /** The error format for a path: its route's, or the fallback. */
    public ErrorFormat errorsFor(String path) {
        Match match = match(path);
        return match == null ? fallback : match.route().errors();
    }

    /** The media type a body must have for this method and path; JSON when no route matches. */
    public String bodyTypeFor(String method, String path) {
        Match match = match(path);
        Method entry = match == null ? null : match.route().byMethod().get(method);
        return entry == null ? JSON : entry.bodyType();
    }

    Reply dispatch(HttpCall call) {
        Match match = match(call.path());
        if (match == null) {
            return fallback.error(HttpError.NOT_FOUND, "no endpoint " + call.path());
        }
        Route route = match.route();
        Method method = route.byMethod().get(call.method());
        if (method == null) {
            return route.errors().error(HttpError.METHOD_NOT_ALLOWED, call.method() + " is not allowed on " + call.path())
                    .withHeader("Allow", String.join(", ", route.byMethod().keySet()));
        }
        return method.endpoint().handle(match.params().isEmpty() ? call : call.withParams(match.params()));
    }

    private Match match(String path) {
        Route route = exact.get(path);
        if (route != null) {
            return new Match(route, Map.of());
        }
        String[] segments = path.split("/", -1);
        for (Route candidate : templated.values()) {
            Map<String, String> params = bind(candidate.template().split("/", -1), segments);
            if (params != null) {
                return new Match(candidate, params);
            }
        }
        return null;
    }

    private static Map<String, String> bind(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.put(part.substring(1, part.length() - 1), segments[i]);
            } else if (!part.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }
}
