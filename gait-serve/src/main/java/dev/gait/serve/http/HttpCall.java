package dev.gait.serve.http;

import java.util.function.Function;

/**
 * One request as the endpoints see it, independent of the HTTP server: method, path, the base URL
 * it was addressed to, its headers and its (size-checked) body.
 */
public record HttpCall(String method, String path, String baseUrl, Function<String, String> headers, byte[] body) {

    /** A header's value, or null. */
    public String header(String name) {
        return headers.apply(name);
    }
}
