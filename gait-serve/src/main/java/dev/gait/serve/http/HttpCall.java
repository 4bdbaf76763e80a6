package dev.gait.serve.http;

/**
 * One request as the endpoints see it, independent of the HTTP server: method, path, the base URL
 * it was addressed to and its (size-checked) body.
 */
public record HttpCall(String method, String path, String baseUrl, byte[] body) {}
