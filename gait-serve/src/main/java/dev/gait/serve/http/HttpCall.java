package dev.gait.serve.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One request as the endpoints see it, independent of the HTTP server: method, path, the base URL
 * it was addressed to, its (size-checked) body, its headers, its raw query string (null when
 * absent) and the values of the route's {@code {name}} path segments.
 */
public record HttpCall(String method, String path, String baseUrl, byte[] body, Function<String, String> headers,
                       String query, Map<String, String> params) {

    public HttpCall {
        params = Map.copyOf(params);
    }

    HttpCall withParams(Map<String, String> values) {
        return new HttpCall(method, path, baseUrl, body, headers, query, values);
    }

    /** A path parameter of the route; every declared one is present. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name));
    }

    /** The first value of a query parameter, percent-decoded. */
    public Optional<String> queryParam(String name) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
