package dev.gait.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.gate.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimiterTest {

    @TempDir
    Path dir;

    private static final dev.gait.core.gate.policy.RuleSections.Budget THREE_PER_MINUTE =
            Policy.parse("rules: [{name: r, effect: allow, rate_limit: {requests: 3, scope: tool}}]", "p").rules().getFirst().rateLimit();

    @Test
    void a_budget_allows_exactly_its_requests_per_window_and_resets_in_the_next() {
        Path state = dir.resolve("rl.json");
        Clock minute = Clock.fixed(Instant.parse("2026-03-01T10:00:30Z"), ZoneOffset.UTC);
        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            allowed.add(RateLimiter.consume(state, THREE_PER_MINUTE, "rate_limit", "tool.x", "alice", minute).allowed());
        }
        assertThat(allowed).containsExactly(true, true, true, false, false);
        Clock next = Clock.fixed(Instant.parse("2026-03-01T10:01:05Z"), ZoneOffset.UTC);
        RateLimiter.Usage usage = RateLimiter.consume(state, THREE_PER_MINUTE, "rate_limit", "tool.x", "alice", next);
        assertThat(usage.allowed()).isTrue();
        assertThat(usage.remaining()).isEqualTo(2);
        assertThat(RateLimiter.consume(state, THREE_PER_MINUTE, "destructive_budget", "tool.x", "alice", next).used())
                .as("each budget has its own counter").isEqualTo(1);
    }

    @Test
    void a_caller_with_an_older_clock_never_reopens_a_newer_windows_budget() {
        Path state = dir.resolve("rl.json");
        Clock newer = Clock.fixed(Instant.parse("2026-03-01T10:01:01Z"), ZoneOffset.UTC);
        Clock older = Clock.fixed(Instant.parse("2026-03-01T10:00:59Z"), ZoneOffset.UTC);
        List<Boolean> allowed = new ArrayList<>();
        for (Clock clock : List.of(newer, newer, older, newer, older, newer)) {
            allowed.add(RateLimiter.consume(state, THREE_PER_MINUTE, "rate_limit", "tool.x", "alice", clock).allowed());
        }
        // callers racing across a minute boundary (or a clock set back) count in the newest window
        assertThat(allowed).containsExactly(true, true, true, false, false, false);
    }

    @Test
    void concurrent_spenders_never_exceed_the_budget() throws Exception {
        Path state = dir.resolve("rl.json");
        int threads = 8;
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> RateLimiter.consume(state, THREE_PER_MINUTE, "rate_limit", "tool.x", "alice",
                        Clock.fixed(Instant.parse("2026-03-01T10:00:30Z"), ZoneOffset.UTC)).allowed()));
            }
            long allowed = 0;
            for (Future<Boolean> result : results) {
                allowed += result.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(3);
        }
    }

    @Test
    void a_corrupt_state_file_refuses_instead_of_resetting() throws Exception {
        Path state = Files.writeString(dir.resolve("rl.json"), "{not json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                RateLimiter.consume(state, THREE_PER_MINUTE, "rate_limit", "tool.x", "alice", Clock.systemUTC()))
                .hasMessageContaining("is corrupt");
    }
}
