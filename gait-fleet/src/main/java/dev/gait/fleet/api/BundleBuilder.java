package dev.gait.fleet.api;

import dev.gait.fleet.distribution.Bundle;

/**
 * Builds and signs an environment's bundle for one of the organisation's releases: its policy,
 * approved scripts, kill switch, trusted keys and least-privilege setting.
 */
public interface BundleBuilder {
    Bundle build(String organisation, String environment, String releaseDigest);
}
