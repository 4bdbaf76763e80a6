package dev.gait.fleet.api;

import dev.gait.fleet.auth.Principal;
import java.util.Map;

/**
 * What a route requires of the caller, checked against the path's {@code {org}}, {@code {env}}
 * and {@code {point}} before the handler runs. The store then checks the caller's role for the
 * operation itself ({@link dev.gait.fleet.auth.Authorizer}), so roles refine {@link #ADMIN} there.
 */
public enum Access {
    /** No credential: health, readiness, metrics and the API description. */
    PUBLIC,
    /** A person of the organisation the path names. */
    ADMIN,
    /** The machine credential of the enforcement point (and environment) the path names. */
    MACHINE,
    /** A person or any enforcement point of the organisation the path names. */
    MEMBER;

    /** Whether the principal may call a route of this access with these path parameters. */
    public boolean permits(Principal principal, Map<String, String> params) {
        boolean sameOrg = principal.orgId().equals(params.get("org"));
        return switch (this) {
            case PUBLIC -> true;
            case ADMIN -> principal instanceof Principal.User && sameOrg;
            case MACHINE -> principal instanceof Principal.Machine machine
                    && machine.environmentId().equals(params.getOrDefault("env", machine.environmentId()))
                    && machine.enforcementPointId().equals(params.getOrDefault("point", machine.enforcementPointId()));
            case MEMBER -> sameOrg;
        };
    }
}
