package dev.gait.fleet.distribution;

import java.util.Map;

/** An enforcement point as rollout selection sees it: its id and its labels. */
public record EnforcementPoint(String id, Map<String, String> labels) {

    public EnforcementPoint {
        labels = Map.copyOf(labels);
    }
}
