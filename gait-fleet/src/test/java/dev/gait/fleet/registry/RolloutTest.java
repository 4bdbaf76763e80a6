package dev.gait.fleet.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.fleet.error.FleetException;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RolloutTest {

    @Test
    void selectsPointsCarryingEverySelectingLabel() {
        Rollout canaries = new Rollout(Map.of("ring", "canary"), 100);

        assertThat(canaries.selects("ep_1", Map.of("ring", "canary", "zone", "a"))).isTrue();
        assertThat(canaries.selects("ep_1", Map.of("ring", "main"))).isFalse();
        assertThat(canaries.selects("ep_1", Map.of())).isFalse();
        assertThat(Rollout.ALL.selects("ep_1", Map.of())).isTrue();
    }

    @Test
    void aPercentageSelectsAStableGrowingShareOfPoints() {
        long atTen = IntStream.range(0, 2000).filter(i -> new Rollout(Map.of(), 10).selects("ep_" + i, Map.of())).count();
        long atFifty = IntStream.range(0, 2000).filter(i -> new Rollout(Map.of(), 50).selects("ep_" + i, Map.of())).count();

        assertThat(atTen).isBetween(140L, 260L);
        assertThat(atFifty).isBetween(900L, 1100L);
        // A point selected at 10 % stays selected at every larger percentage.
        IntStream.range(0, 2000).filter(i -> new Rollout(Map.of(), 10).selects("ep_" + i, Map.of()))
                .forEach(i -> assertThat(new Rollout(Map.of(), 50).selects("ep_" + i, Map.of())).isTrue());
    }

    @Test
    void percentagesOutsideOneToHundredAreRefused() {
        assertThatThrownBy(() -> new Rollout(Map.of(), 0)).isInstanceOf(FleetException.class);
        assertThatThrownBy(() -> new Rollout(Map.of(), 101)).isInstanceOf(FleetException.class);
    }
}
