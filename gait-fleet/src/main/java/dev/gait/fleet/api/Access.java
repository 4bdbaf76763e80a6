package dev.gait.fleet.api;

import java.util.Map;

/**
 * What a route requires of the caller, checked against the path's {@code {org}} and {@code {env}}
 * before the handler runs. Roles (policy author, approver, auditor) will refine {@link #ADMIN}
 * into one requirement per route; the check point stays here.
 */
public enum Access {
    /** No credential: health, readiness, metrics and the API description. */
    PUBLIC,
    /** An administrator of the organisation the path names. */
    ADMIN,
    /** The machine credential of an enforcement point of the environment the path names. */
    MACHINE,
    /** An administrator or any enforcement point of the organisation the path names. */
    MEMBER;

    /** Whether the principal may call a route of this access with these path parameters. */
    public boolean permits(Principal principal, Map<String, String> params) {
        boolean admin = principal.kind() == Principal.Kind.ADMIN && principal.organisation().equals(params.get("org"));
        return switch (this) {
            case PUBLIC -> true;
            case ADMIN -> admin;
            case MACHINE -> principal.kind() == Principal.Kind.MACHINE && principal.environment().equals(params.get("env"));
            case MEMBER -> admin || (principal.kind() == Principal.Kind.MACHINE && principal.organisation().equals(params.get("org")));
        };
    }
}
