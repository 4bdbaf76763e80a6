package dev.gait.fleet.api;

import dev.gait.fleet.distribution.BundleChannel;
import java.util.List;

/**
 * Where each environment's rollout and bundles are persisted (the bundle bytes with their digest),
 * recorded in the audit log on every change, and read back when the server starts.
 */
public interface Rollouts {

    /** An environment's persisted rollout and bundles. */
    record Stored(String organisation, String environment, BundleChannel.Published published) {}

    /** @param action {@code promote}, {@code stage} or {@code rollback} */
    void changed(String organisation, String environment, String action, BundleChannel.Published now, String actor);

    /** Every environment's last persisted rollout, to serve again after a restart. */
    List<Stored> load();
}
