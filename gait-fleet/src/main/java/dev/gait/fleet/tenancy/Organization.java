package dev.gait.fleet.tenancy;

/** A tenant. */
public record Organization(String id, String name, long createdAtMillis) {}
