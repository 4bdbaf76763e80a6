package dev.gait.fleet.distribution;

import java.time.Instant;
import java.util.Map;

/** An enforcement point's last report: the bundle digest it enforces and its decision counts by verdict. */
public record PointStatus(String pointId, String activeBundleDigest, Map<String, Long> decisions, Instant reportedAt) {

    public PointStatus {
        decisions = Map.copyOf(decisions);
    }
}
