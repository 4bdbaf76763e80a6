package dev.gait.serve.http;

/** Answers one call; throwing ends in the route's error format (fail closed). */
public interface Endpoint {
    Reply handle(HttpCall call);
}
