package dev.gait.fleet.distribution;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The posture of one environment's enforcement points: for each registered point, whether it
 * enforces the bundle it should (by the rollout), enforces another one (drifted), or has not
 * reported within the staleness threshold (stale) or at all. A pure function of its inputs.
 */
public final class Posture {

    /** A point's state, most urgent first. */
    public enum State {
        NEVER_REPORTED("never_reported"), STALE("stale"), DRIFTED("drifted"), CURRENT("current");

        private final String wire;

        State(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** One point's posture; {@code expectedDigest} is empty when the environment has no bundle for it. */
    public record PointPosture(String pointId, State state, Optional<PointStatus> lastReport, String expectedDigest) {}

    private Posture() {}

    /**
     * @param expected the digest of the bundle a point should enforce, empty when it has none
     * @return every registered point, sorted by state (most urgent first) then id
     */
    public static List<PointPosture> of(List<EnforcementPoint> points, List<PointStatus> reports,
                                        Function<EnforcementPoint, Optional<String>> expected, Instant now, Duration staleAfter) {
        Map<String, PointStatus> latest = reports.stream().collect(Collectors.toMap(PointStatus::pointId, r -> r,
                (a, b) -> a.reportedAt().isAfter(b.reportedAt()) ? a : b));
        return points.stream()
                .map(point -> {
                    Optional<PointStatus> report = Optional.ofNullable(latest.get(point.id()));
                    String want = expected.apply(point).orElse("");
                    return new PointPosture(point.id(), state(report, want, now, staleAfter), report, want);
                })
                .sorted(Comparator.comparing(PointPosture::state).thenComparing(PointPosture::pointId))
                .toList();
    }

    private static State state(Optional<PointStatus> report, String expected, Instant now, Duration staleAfter) {
        if (report.isEmpty()) {
            return State.NEVER_REPORTED;
        }
        if (report.get().reportedAt().plus(staleAfter).isBefore(now)) {
            return State.STALE;
        }
        return report.get().activeBundleDigest().equals(expected) ? State.CURRENT : State.DRIFTED;
    }
}
