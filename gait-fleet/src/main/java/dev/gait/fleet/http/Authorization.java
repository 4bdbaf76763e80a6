package dev.gait.fleet.http;

import dev.gait.core.json.JsonObject;
import dev.gait.fleet.api.Access;
import dev.gait.fleet.api.ApiErrors;
import dev.gait.fleet.api.ApiRoute;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.credentials.Credentials;
import dev.gait.fleet.error.FleetException;
import dev.gait.serve.http.Endpoint;
import dev.gait.serve.http.HttpError;
import dev.gait.serve.http.Reply;
import java.util.Optional;

/**
 * The check point every fleet route passes before its handler: the bearer token must name a
 * principal (401 otherwise) that the route's {@link Access} permits for the path's organisation,
 * environment or enforcement point (403 otherwise). A refused store operation answers with the
 * status its reason maps to.
 */
final class Authorization {
    private static final String BEARER = "Bearer ";

    private Authorization() {}

    static Endpoint guard(ApiRoute route, Credentials credentials) {
        if (route.access() == Access.PUBLIC) {
            // Public handlers are built by ApiRoute.open and never read their caller.
            return call -> route.handler().handle(call, null);
        }
        return call -> {
            Optional<Principal> principal = call.header("Authorization")
                    .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                    .map(value -> value.substring(BEARER.length()).strip())
                    .filter(token -> !token.isEmpty())
                    .flatMap(credentials::authenticate);
            if (principal.isEmpty()) {
                return ApiErrors.of(HttpError.UNAUTHORIZED, "missing, unknown or revoked bearer token")
                        .withHeader("WWW-Authenticate", "Bearer");
            }
            if (!route.access().permits(principal.get(), call.params())) {
                return ApiErrors.of(HttpError.FORBIDDEN, "this credential may not " + route.method() + " " + call.path());
            }
            try {
                return route.handler().handle(call, principal.get());
            } catch (FleetException e) {
                return refused(e);
            }
        };
    }

    private static Reply refused(FleetException e) {
        return switch (e.reason()) {
            case INVALID -> ApiErrors.of(HttpError.BAD_REQUEST, e.getMessage());
            case UNAUTHENTICATED -> ApiErrors.of(HttpError.UNAUTHORIZED, e.getMessage());
            case FORBIDDEN -> ApiErrors.of(HttpError.FORBIDDEN, e.getMessage());
            case NOT_FOUND -> ApiErrors.of(HttpError.NOT_FOUND, e.getMessage());
            case CONFLICT -> ApiErrors.envelope(409, "conflict", e.getMessage(), JsonObject.EMPTY);
            case CORRUPT -> ApiErrors.of(HttpError.INTERNAL, e.getMessage());
        };
    }
}
