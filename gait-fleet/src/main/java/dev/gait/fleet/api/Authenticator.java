package dev.gait.fleet.api;

import java.util.Optional;

/**
 * Turns a bearer token into a principal: the administrator tokens and the machine credentials of
 * enforcement points (stored hashed). Empty for an unknown, revoked or expired token.
 */
public interface Authenticator {
    Optional<Principal> authenticate(String bearerToken);
}
