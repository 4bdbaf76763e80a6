package dev.gait.fleet.api;

import dev.gait.fleet.distribution.Rollout;

/** Where rollout changes are persisted and recorded in the audit log. */
public interface Rollouts {

    /** @param action {@code promote}, {@code stage} or {@code rollback} */
    void changed(String organisation, String environment, String action, Rollout now, String actor);
}
