package dev.gait.fleet.http;

import dev.gait.fleet.api.Access;
import dev.gait.fleet.api.ApiErrors;
import dev.gait.fleet.api.ApiRoute;
import dev.gait.fleet.api.Authenticator;
import dev.gait.fleet.api.Principal;
import dev.gait.serve.http.Endpoint;
import dev.gait.serve.http.HttpError;
import dev.gait.serve.http.Reply;
import java.util.Optional;

/**
 * The check point every fleet route passes before its handler: the bearer token must name a
 * principal (401 otherwise) that the route's {@link Access} permits for the path's organisation or
 * environment (403 otherwise).
 */
final class Authorization {
    private static final String BEARER = "Bearer ";

    private Authorization() {}

    static Endpoint guard(ApiRoute route, Authenticator authenticator) {
        if (route.access() == Access.PUBLIC) {
            return call -> route.handler().handle(call, Principal.ANONYMOUS);
        }
        return call -> {
            Optional<Principal> principal = call.header("Authorization")
                    .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                    .map(value -> value.substring(BEARER.length()).strip())
                    .filter(token -> !token.isEmpty())
                    .flatMap(authenticator::authenticate);
            if (principal.isEmpty()) {
                return ApiErrors.of(HttpError.UNAUTHORIZED, "missing, unknown or expired bearer token")
                        .withHeader("WWW-Authenticate", "Bearer");
            }
            if (!route.access().permits(principal.get(), call.params())) {
                return ApiErrors.of(HttpError.FORBIDDEN, "this credential may not " + route.method() + " " + call.path());
            }
            return route.handler().handle(call, principal.get());
        };
    }
}
