package dev.gait.fleet.distribution;

import static org.assertj.core.api.Assertions.assertThat;

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
    private static final EnforcementPoint POINT = new EnforcementPoint("p1", Map.of());
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
        channel.update(r -> r.promote("r1"), release -> FIRST);
        try (ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Optional<Bundle>>> polls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                polls.add(pollers.submit(() -> channel.await(POINT, FIRST.etag(), Duration.ofSeconds(60))));
            }
            while (waiting.get() < 50) {
                Thread.sleep(5);
            }
            assertThat(polls).noneMatch(Future::isDone);

            channel.update(r -> r.promote("r2"), release -> SECOND);

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

        channel.update(r -> r.promote("r1"), release -> FIRST);
        assertThat(channel.await(POINT, FIRST.etag(), Duration.ofMillis(50))).contains(FIRST);
        assertThat(channel.await(POINT, SECOND.etag(), Duration.ofSeconds(60))).contains(FIRST);
    }

    @Test
    void an_update_keeps_the_bundles_of_releases_already_distributed() {
        BundleChannel channel = new BundleChannel(new AtomicInteger());
        List<String> built = new ArrayList<>();
        channel.update(r -> r.promote("r1"), release -> {
            built.add(release);
            return FIRST;
        });
        channel.update(r -> r.stage("r2", new Canary.ByPercentage(100)), release -> {
            built.add(release);
            return SECOND;
        });
        channel.update(Rollout::rollback, release -> {
            built.add(release);
            return SECOND;
        });

        assertThat(built).containsExactly("r1", "r2");
        assertThat(channel.current(POINT)).contains(FIRST);
    }
}
