package dev.gait.fleet.distribution;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One environment's distribution state: its rollout and the signed bundle of each release the
 * rollout names. Readers see one immutable snapshot; {@link #publish} replaces it and completes the
 * snapshot's change signal, which wakes every long poll of the environment at once. A waiting poll
 * parks its (virtual) thread on that signal, so thousands of waiting points cost no platform thread.
 */
public final class BundleChannel {

    /** A rollout and the bundle of each release it names, by release digest. */
    public record Published(Rollout rollout, Map<String, Bundle> bundles) {
        public Published {
            bundles = Map.copyOf(bundles);
            for (String release : rollout.releases()) {
                if (!bundles.containsKey(release)) {
                    throw new IllegalArgumentException("no bundle for release " + release);
                }
            }
        }
    }

    private record Snapshot(Rollout rollout, Map<String, Bundle> bundles, CompletableFuture<Void> replaced) {
        Optional<Bundle> bundleFor(EnforcementPoint point) {
            return rollout.releaseFor(point).map(bundles::get);
        }
    }

    private final AtomicInteger waiting;
    private volatile Snapshot snapshot = new Snapshot(Rollout.NONE, Map.of(), new CompletableFuture<>());

    /** @param waiting counts the polls waiting on this channel (shared by all channels for the waiters gauge) */
    public BundleChannel(AtomicInteger waiting) {
        this.waiting = waiting;
    }

    /** Makes a rollout and its bundles current and wakes every waiting poll. */
    public synchronized void publish(Published published) {
        Snapshot old = snapshot;
        snapshot = new Snapshot(published.rollout(), published.bundles(), new CompletableFuture<>());
        old.replaced().complete(null);
    }

    public Rollout rollout() {
        return snapshot.rollout();
    }

    /**
     * Changes the rollout and publishes it in one step: bundles of releases already distributed are
     * kept, the others are built.
     *
     * @return what is now in force
     */
    public synchronized Published update(UnaryOperator<Rollout> change, Function<String, Bundle> build) {
        Snapshot now = snapshot;
        Rollout next = change.apply(now.rollout());
        Map<String, Bundle> bundles = new HashMap<>();
        for (String release : next.releases()) {
            Bundle kept = now.bundles().get(release);
            bundles.put(release, kept != null ? kept : build.apply(release));
        }
        Published published = new Published(next, bundles);
        publish(published);
        return published;
    }

    /** The bundle this point gets now; empty when the environment has none. */
    public Optional<Bundle> current(EnforcementPoint point) {
        return snapshot.bundleFor(point);
    }

    /**
     * Waits up to {@code wait} for this point's bundle to differ from what {@code ifNoneMatch} names,
     * and returns the point's bundle then: a changed one, or on expiry the unchanged one (or empty
     * when the environment still has none).
     */
    public Optional<Bundle> await(EnforcementPoint point, String ifNoneMatch, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        waiting.incrementAndGet();
        try {
            while (true) {
                Snapshot seen = snapshot;
                Optional<Bundle> bundle = seen.bundleFor(point);
                long remaining = deadline - System.nanoTime();
                if ((bundle.isPresent() && !bundle.get().matches(ifNoneMatch)) || remaining <= 0) {
                    return bundle;
                }
                try {
                    seen.replaced().get(remaining, TimeUnit.NANOSECONDS);
                } catch (TimeoutException expired) {
                    return snapshot.bundleFor(point);
                } catch (ExecutionException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }
}
