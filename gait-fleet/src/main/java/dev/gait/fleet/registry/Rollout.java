package dev.gait.fleet.registry;

import dev.gait.core.digest.Digests;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.tenancy.Names;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    /**
     * Whether an enforcement point takes this promotion: it carries every selecting label, and its
     * bucket is below the percentage. The bucket (0-99) comes from the point's id alone, so a point
     * keeps its place in every rollout and a larger percentage only adds points.
     */
    public boolean selects(String enforcementPointId, Map<String, String> pointLabels) {
        return pointLabels.entrySet().containsAll(labels.entrySet()) && bucket(enforcementPointId) < percent;
    }

    /** The point's bucket: the first four bytes of SHA-256(id), unsigned, modulo 100. */
    public static int bucket(String enforcementPointId) {
        byte[] hash = Digests.sha256(enforcementPointId.getBytes(StandardCharsets.UTF_8));
        return Integer.remainderUnsigned(ByteBuffer.wrap(hash).getInt(), 100);
    }
}
