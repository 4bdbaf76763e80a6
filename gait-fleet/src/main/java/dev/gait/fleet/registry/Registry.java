package dev.gait.fleet.registry;

import dev.gait.fleet.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Signed releases of an organisation and the promotions that make them environments' bundles. */
public interface Registry {

    /**
     * Publishes a release. Publishing content that is already there returns the existing release
     * ({@code created == false}); different content under a taken name and version is a conflict.
     */
    Publication publish(Principal caller, NewRelease release);

    Optional<Release> release(Principal caller, String digest);

    /** The release document exactly as published. */
    Optional<byte[]> document(Principal caller, String digest);

    /** Releases, newest first. */
    List<Release> releases(Principal caller);

    Promotion promote(Principal caller, PromotionRequest request);

    Optional<ActiveBundle> activeBundle(Principal caller, String environmentId);

    /** The environment's promotions, newest first. */
    List<Promotion> history(Principal caller, String environmentId);

    /**
     * Every environment's newest promotion sequence, across organisations: what a replica compares
     * with the bundles it serves. For the control plane itself, not for callers.
     */
    Map<String, Long> latestSequences();

    /**
     * The promotions of an environment that decide what its points get, newest first: the newest one
     * to every point and every staged one after it. For the control plane itself, not for callers.
     */
    List<ActiveBundle> inForce(String environmentId);

    /** The bundle of one past promotion, e.g. to serve the same bytes again after a rollback. */
    Optional<byte[]> bundle(Principal caller, String environmentId, long sequence);
}
