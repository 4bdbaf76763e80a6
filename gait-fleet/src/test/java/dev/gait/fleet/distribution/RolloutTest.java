package dev.gait.fleet.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.GaitException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RolloutTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);

    private static EnforcementPoint point(String id, Map<String, String> labels) {
        return new EnforcementPoint(id, labels);
    }

    @Test
    void a_label_canary_reaches_exactly_the_points_with_all_its_labels() {
        Rollout rollout = Rollout.NONE.promote(A).stage(B, new Canary.ByLabels(Map.of("ring", "canary", "region", "eu")));

        assertThat(rollout.releaseFor(point("p1", Map.of("ring", "canary", "region", "eu", "team", "x")))).contains(B);
        assertThat(rollout.releaseFor(point("p2", Map.of("ring", "canary")))).contains(A);
        assertThat(rollout.releaseFor(point("p3", Map.of()))).contains(A);
    }

    @Test
    void a_percentage_canary_splits_points_evenly_and_always_the_same_way() {
        Rollout rollout = Rollout.NONE.promote(A).stage(B, new Canary.ByPercentage(30));
        long canaries = IntStream.range(0, 10_000).mapToObj(i -> point("point-" + i, Map.of()))
                .filter(p -> rollout.releaseFor(p).orElseThrow().equals(B)).count();

        assertThat(canaries).isBetween(2_800L, 3_200L);
        IntStream.range(0, 200).mapToObj(i -> point("point-" + i, Map.of())).forEach(p ->
                assertThat(rollout.releaseFor(p)).isEqualTo(rollout.releaseFor(p)));
        long[] perBucket = new long[100];
        IntStream.range(0, 100_000).forEach(i -> perBucket[Canary.bucket("ep-" + i)]++);
        assertThat(Arrays.stream(perBucket).min().orElseThrow()).isGreaterThanOrEqualTo(850L);
        assertThat(Arrays.stream(perBucket).max().orElseThrow()).isLessThanOrEqualTo(1_150L);
    }

    @Test
    void zero_and_hundred_percent_reach_no_point_and_every_point() {
        Rollout none = Rollout.NONE.promote(A).stage(B, new Canary.ByPercentage(0));
        Rollout all = Rollout.NONE.promote(A).stage(B, new Canary.ByPercentage(100));

        IntStream.range(0, 500).mapToObj(i -> point("p" + i, Map.of())).forEach(p -> {
            assertThat(none.releaseFor(p)).contains(A);
            assertThat(all.releaseFor(p)).contains(B);
        });
    }

    @Test
    void rollback_cancels_a_canary_first_then_returns_to_each_previous_release() {
        Rollout rollout = Rollout.NONE.promote(A).promote(B).promote(C).stage(A, new Canary.ByPercentage(50));

        Rollout cancelled = rollout.rollback();
        assertThat(cancelled.canary()).isEmpty();
        assertThat(cancelled.stable()).contains(C);
        assertThat(cancelled.rollback().stable()).contains(B);
        assertThat(cancelled.rollback().rollback().stable()).contains(A);
        assertThatThrownBy(() -> cancelled.rollback().rollback().rollback()).isInstanceOf(GaitException.class)
                .hasMessageContaining("nothing to roll back to");
    }

    @Test
    void an_environment_without_a_release_gives_no_bundle_and_cannot_stage() {
        assertThat(Rollout.NONE.releaseFor(point("p", Map.of()))).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> Rollout.NONE.stage(A, new Canary.ByPercentage(10))).isInstanceOf(GaitException.class);
        assertThatThrownBy(() -> new Canary.ByPercentage(101)).isInstanceOf(GaitException.class);
        assertThatThrownBy(() -> new Canary.ByLabels(Map.of())).isInstanceOf(GaitException.class);
    }
}
