package dev.gait.fleet.registry;

import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.tenancy.Names;
import java.util.Map;

/**
 * Which enforcement points of the environment take a promotion: those carrying every label in
 * {@code labels}, and of those the given percentage (100 for all).
 */
public record Rollout(Map<String, String> labels, int percent) {
    public static final Rollout ALL = new Rollout(Map.of(), 100);

    public Rollout {
        labels = Names.requireLabels(labels);
        if (percent < 1 || percent > 100) {
            throw FleetException.invalid("rollout percent must be between 1 and 100: " + percent);
        }
    }
}
