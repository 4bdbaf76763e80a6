package dev.gait.fleet.distribution;

import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Which enforcement points get a canary release: those with all of some labels, or a share of all points. */
public sealed interface Canary {

    boolean selects(EnforcementPoint point);

    /** Points whose labels include every one of {@code labels}. */
    record ByLabels(Map<String, String> labels) implements Canary {
        public ByLabels {
            if (labels.isEmpty()) {
                throw GaitException.invalidInput("a label selector needs at least one label");
            }
            labels = Map.copyOf(labels);
        }

        @Override
        public boolean selects(EnforcementPoint point) {
            return point.labels().entrySet().containsAll(labels.entrySet());
        }
    }

    /** Points whose {@linkplain #bucket(String) bucket} is below {@code percent}: the same points at every call. */
    record ByPercentage(int percent) implements Canary {
        public ByPercentage {
            if (percent < 0 || percent > 100) {
                throw GaitException.invalidInput("a rollout percentage must be between 0 and 100, not " + percent);
            }
        }

        @Override
        public boolean selects(EnforcementPoint point) {
            return bucket(point.id()) < percent;
        }
    }

    /** A point's stable bucket 0–99: the first eight bytes of SHA-256 of its id, unsigned, modulo 100. */
    static int bucket(String pointId) {
        long value = ByteBuffer.wrap(Digests.sha256(pointId.getBytes(StandardCharsets.UTF_8))).getLong();
        return (int) Long.remainderUnsigned(value, 100);
    }
}
