package dev.gait.fleet.posture;

import dev.gait.fleet.tenancy.EnforcementPoint;
import java.util.Optional;

/**
 * One enforcement point of an environment: its last report and how it compares with the bundle its
 * environment's promotions assign to it ({@code expectedBundleDigest}, empty before any promotion).
 */
public record PointPosture(
        EnforcementPoint point,
        Optional<StatusReport> lastReport,
        Optional<Long> reportedAtMillis,
        Optional<String> expectedBundleDigest,
        State state) {

    public enum State {
        /** Enforces the bundle assigned to it and reported recently. */
        CURRENT,
        /** Reported recently, but enforces another bundle. */
        DRIFTED,
        /** Its last report is older than the staleness limit. */
        STALE,
        NEVER_REPORTED
    }
}
