package dev.gait.fleet.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.fleet.registry.Promotion;
import dev.gait.fleet.registry.Rollout;
import dev.gait.fleet.tenancy.EnforcementPoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BundleChannelTest {
    private static final EnforcementPoint POINT = new EnforcementPoint("ep_1", "org_1", "env_1", "p1", Map.of(), 0);
    private static final Bundle FIRST = Bundle.of("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
    private static final Bundle SECOND = Bundle.of("{\"n\":2}".getBytes(StandardCharsets.UTF_8));

    @Test
    void etag_is_the_quoted_digest_and_if_none_match_compares_weakly_in_lists() {
        assertThat(FIRST.etag()).isEqualTo("\"" + FIRST.digest() + "\"");
        assertThat(FIRST.matches(FIRST.etag())).isTrue();
        assertThat(FIRST.matches("\"x\", W/" + FIRST.etag())).isTrue();
        assertThat(FIRST.matches("*")).isTrue();
        assertThat(FIRST.matches(SECOND.etag())).isFalse();
        assertThat(FIRST.matches(null)).isFalse();
    }

    @Test
    void a_publication_wakes_every_waiting_poll_with_the_new_bundle() throws Exception {
        AtomicInteger waiting = new AtomicInteger();
        BundleChannel channel = new BundleChannel(waiting);
        channel.publish(all(1, FIRST));
        try (ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<Bundle>>> polls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                polls.add(pollers.submit(() -> channel.await(POINT, FIRST.etag(), Duration.ofSeconds(60))));
            }
            while (waiting.get() < 50) {
                Thread.sleep(5);
            }
            assertThat(polls).noneMatch(Future::isDone);

            channel.publish(all(2, SECOND));

            for (Future<Optional<Bundle>> poll : polls) {
                assertThat(poll.get(30, TimeUnit.SECONDS)).contains(SECOND);
            }
        }
        assertThat(waiting.get()).isZero();
    }

    @Test
    void a_wait_that_expires_returns_the_unchanged_bundle_and_an_empty_environment_returns_nothing()
            throws InterruptedException, ExecutionException {
        BundleChannel channel = new BundleChannel(new AtomicInteger());
        assertThat(channel.await(POINT, null, Duration.ofMillis(50))).isEmpty();

        channel.publish(all(1, FIRST));
        assertThat(channel.await(POINT, FIRST.etag(), Duration.ofMillis(50))).contains(FIRST);
        assertThat(channel.await(POINT, SECOND.etag(), Duration.ofSeconds(60))).contains(FIRST);
    }

    @Test
    void the_newest_promotion_that_selects_a_point_decides_and_an_older_sequence_changes_nothing() {
        BundleChannel channel = new BundleChannel(new AtomicInteger());
        EnforcementPoint canary = new EnforcementPoint("ep_2", "org_1", "env_1", "p2", Map.of("ring", "canary"), 0);
        BundleChannel.Assignment stable = new BundleChannel.Assignment(promotion(1, Rollout.ALL), FIRST);
        BundleChannel.Assignment staged = new BundleChannel.Assignment(promotion(2, new Rollout(Map.of("ring", "canary"), 100)), SECOND);
        assertThat(channel.publish(new BundleChannel.InForce(2, List.of(staged, stable)))).isTrue();

        assertThat(channel.current(canary)).contains(SECOND);
        assertThat(channel.current(POINT)).contains(FIRST);
        assertThat(channel.publish(all(2, FIRST))).isFalse();
        assertThat(channel.current(canary)).contains(SECOND);
    }

    private static Promotion promotion(long sequence, Rollout rollout) {
        return new Promotion("org_1", "env_1", sequence, Promotion.Action.PROMOTE, "r" + sequence, "b" + sequence, rollout, "user:u", 0);
    }

    private static BundleChannel.InForce all(long sequence, Bundle bundle) {
        return new BundleChannel.InForce(sequence, List.of(new BundleChannel.Assignment(promotion(sequence, Rollout.ALL), bundle)));
    }
}
