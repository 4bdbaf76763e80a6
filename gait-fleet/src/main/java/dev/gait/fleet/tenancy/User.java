package dev.gait.fleet.tenancy;

import dev.gait.fleet.auth.Role;

/** A person in an organisation. */
public record User(String id, String orgId, String email, Role role, long createdAtMillis) {}
