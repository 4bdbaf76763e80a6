package dev.gait.fleet.distribution;

import dev.gait.fleet.registry.Promotion;
import dev.gait.fleet.tenancy.EnforcementPoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One environment's distribution state: the promotions in force with their signed bundles. Readers
 * see one immutable snapshot; {@link #publish} replaces it and completes the snapshot's change
 * signal, which wakes every long poll of the environment at once. A waiting poll parks its
 * (virtual) thread on that signal, so thousands of waiting points cost no platform thread.
 */
public final class BundleChannel {

    /** A promotion in force and its bundle. */
    public record Assignment(Promotion promotion, Bundle bundle) {}

    /**
     * What an environment's points get: the newest promotion that selects a point decides its
     * bundle. {@code sequence} is the newest promotion's.
     *
     * @param assignments newest first
     */
    public record InForce(long sequence, List<Assignment> assignments) {
        public static final InForce NONE = new InForce(0, List.of());

        public InForce {
            assignments = List.copyOf(assignments);
        }

        public Optional<Assignment> assignmentFor(EnforcementPoint point) {
            return assignments.stream().filter(a -> a.promotion().rollout().selects(point.id(), point.labels())).findFirst();
        }
    }

    private record Snapshot(InForce inForce, CompletableFuture<Void> replaced) {
        Optional<Bundle> bundleFor(EnforcementPoint point) {
            return inForce.assignmentFor(point).map(Assignment::bundle);
        }
    }

    private final AtomicInteger waiting;
    private volatile Snapshot snapshot = new Snapshot(InForce.NONE, new CompletableFuture<>());
    private volatile boolean closed;

    /** @param waiting counts the polls waiting on this channel (shared by all channels for the waiters gauge) */
    public BundleChannel(AtomicInteger waiting) {
        this.waiting = waiting;
    }

    /**
     * Makes newer promotions current and wakes every waiting poll; an older or equal sequence (a
     * replica that already has it) changes nothing.
     *
     * @return whether anything changed
     */
    public synchronized boolean publish(InForce inForce) {
        Snapshot old = snapshot;
        if (inForce.sequence() <= old.inForce().sequence()) {
            return false;
        }
        snapshot = new Snapshot(inForce, new CompletableFuture<>());
        old.replaced().complete(null);
        return true;
    }

    /** Answers every waiting poll now with what it has, and every later one at once: the server is stopping. */
    public synchronized void close() {
        closed = true;
        snapshot.replaced().complete(null);
    }

    public InForce inForce() {
        return snapshot.inForce();
    }

    /** The bundle this point gets now; empty when the environment has none for it. */
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
                if (closed || (bundle.isPresent() && !bundle.get().matches(ifNoneMatch)) || remaining <= 0) {
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
