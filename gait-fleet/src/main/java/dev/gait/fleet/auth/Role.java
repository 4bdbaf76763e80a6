package dev.gait.fleet.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Roles of people in an organisation. Only the administrator exists so far; policy author,
 * approver and auditor are added here with their permission sets, and nothing else changes.
 */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }
}
