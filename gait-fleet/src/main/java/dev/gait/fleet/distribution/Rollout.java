package dev.gait.fleet.distribution;

import dev.gait.core.error.GaitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which release an environment's enforcement points get: the stable release, and while a staged
 * rollout runs, a canary release for the points the {@link Canary} selects. The releases that were
 * stable before are kept, newest last, so a rollback can re-point to the previous one. Immutable;
 * every change returns a new rollout. Releases are named by digest.
 */
public record Rollout(Optional<String> stable, Optional<String> canary, Optional<Canary> selector, List<String> previous) {

    public static final Rollout NONE = new Rollout(Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    public Rollout {
        previous = List.copyOf(previous);
        if (canary.isPresent() != selector.isPresent()) {
            throw new IllegalArgumentException("a canary release and its selector go together");
        }
    }

    /** The release this point gets; empty when the environment has none yet. */
    public Optional<String> releaseFor(EnforcementPoint point) {
        return canary.isPresent() && selector.orElseThrow().selects(point) ? canary : stable;
    }

    /** Every release some point may get: stable first. */
    public List<String> releases() {
        List<String> releases = new ArrayList<>();
        stable.ifPresent(releases::add);
        canary.ifPresent(releases::add);
        return releases;
    }

    /** Promotes a release to every point; a running canary ends. */
    public Rollout promote(String release) {
        return new Rollout(Optional.of(release), Optional.empty(), Optional.empty(), pushed());
    }

    /** Starts (or replaces) a staged rollout of a release to the points {@code selector} picks. */
    public Rollout stage(String release, Canary selector) {
        if (stable.isEmpty()) {
            throw GaitException.invalidInput("the environment has no stable release yet: promote one to every point first");
        }
        return new Rollout(stable, Optional.of(release), Optional.of(selector), previous);
    }

    /** Ends a running canary by cancelling it, or else re-points every point to the previous stable release. */
    public Rollout rollback() {
        if (canary.isPresent()) {
            return new Rollout(stable, Optional.empty(), Optional.empty(), previous);
        }
        if (previous.isEmpty()) {
            throw GaitException.invalidInput("nothing to roll back to: the environment has had no earlier release");
        }
        return new Rollout(Optional.of(previous.getLast()), Optional.empty(), Optional.empty(), previous.subList(0, previous.size() - 1));
    }

    private List<String> pushed() {
        List<String> history = new ArrayList<>(previous);
        stable.ifPresent(history::add);
        return history;
    }
}
