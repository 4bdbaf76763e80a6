package dev.gait.fleet.auth;

import dev.gait.fleet.error.FleetException;

/**
 * The one place that decides whether a principal may use a permission. Organisation isolation is
 * not decided here: every query is already restricted to the principal's organisation.
 */
public final class Authorizer {

    private Authorizer() {}

    /** Requires an organisation-wide permission. */
    public static void require(Principal principal, Permission permission) {
        require(principal, permission, null);
    }

    /**
     * Requires {@code permission} on {@code environmentId} (null for organisation-wide checks).
     * Machines hold only environment-scoped permissions, and only for their own environment.
     */
    public static void require(Principal principal, Permission permission, String environmentId) {
        boolean allowed = switch (principal) {
            case Principal.User user -> user.role().grants(permission);
            case Principal.Machine machine -> permission.environmentScoped()
                    && machine.environmentId().equals(environmentId);
        };
        if (!allowed) {
            throw FleetException.forbidden(principal.actor() + " may not " + permission.name().toLowerCase()
                    + (environmentId == null ? "" : " in environment " + environmentId));
        }
    }
}
