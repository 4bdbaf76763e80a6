package dev.gait.fleet.tenancy;

import java.util.Map;

/** A stage of an organisation (dev, staging, prod) with its own active bundle. */
public record Environment(String id, String orgId, String name, Map<String, String> labels, long createdAtMillis) {
    public Environment {
        labels = Map.copyOf(labels);
    }
}
