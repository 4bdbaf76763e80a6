package dev.gait.fleet.tenancy;

import java.util.Map;

/** A sidecar, agent or CI runner registered into one environment; labels select it for staged rollouts. */
public record EnforcementPoint(
        String id, String orgId, String environmentId, String name, Map<String, String> labels, long registeredAtMillis) {
    public EnforcementPoint {
        labels = Map.copyOf(labels);
    }
}
