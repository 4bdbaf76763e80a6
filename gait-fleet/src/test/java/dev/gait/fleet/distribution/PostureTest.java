package dev.gait.fleet.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostureTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofMinutes(5);
    private static final String GOOD = "1".repeat(64);
    private static final String OLD = "2".repeat(64);
    private static final String CANARY = "3".repeat(64);

    @Test
    void each_point_is_current_drifted_stale_or_never_reported_most_urgent_first() {
        List<EnforcementPoint> points = List.of(point("current"), point("drifted"), point("stale"), point("silent"), point("canary"));
        List<PointStatus> reports = List.of(
                report("current", GOOD, NOW.minusSeconds(10)),
                report("drifted", OLD, NOW.minusSeconds(10)),
                report("stale", GOOD, NOW.minus(STALE_AFTER).minusSeconds(1)),
                report("canary", CANARY, NOW),
                report("stale", GOOD, NOW.minus(Duration.ofHours(1))));

        List<Posture.PointPosture> posture = Posture.of(points, reports,
                p -> Optional.of(p.id().equals("canary") ? CANARY : GOOD), NOW, STALE_AFTER);

        assertThat(posture).extracting(Posture.PointPosture::pointId, Posture.PointPosture::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("silent", Posture.State.NEVER_REPORTED),
                org.assertj.core.groups.Tuple.tuple("stale", Posture.State.STALE),
                org.assertj.core.groups.Tuple.tuple("drifted", Posture.State.DRIFTED),
                org.assertj.core.groups.Tuple.tuple("canary", Posture.State.CURRENT),
                org.assertj.core.groups.Tuple.tuple("current", Posture.State.CURRENT));
        assertThat(posture.get(1).lastReport().orElseThrow().reportedAt()).isEqualTo(NOW.minus(STALE_AFTER).minusSeconds(1));
    }

    @Test
    void a_report_exactly_at_the_threshold_is_not_stale_and_a_point_without_a_bundle_drifts_if_it_enforces_one() {
        List<Posture.PointPosture> posture = Posture.of(List.of(point("edge"), point("orphan")),
                List.of(report("edge", GOOD, NOW.minus(STALE_AFTER)), report("orphan", GOOD, NOW)),
                p -> p.id().equals("edge") ? Optional.of(GOOD) : Optional.empty(), NOW, STALE_AFTER);

        assertThat(posture).extracting(Posture.PointPosture::state).containsExactly(Posture.State.DRIFTED, Posture.State.CURRENT);
        assertThat(posture.getFirst().pointId()).isEqualTo("orphan");
    }

    private static EnforcementPoint point(String id) {
        return new EnforcementPoint(id, Map.of());
    }

    private static PointStatus report(String id, String digest, Instant at) {
        return new PointStatus(id, digest, Map.of("allow", 3L), at);
    }
}
