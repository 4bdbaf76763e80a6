package dev.gait.fleet.registry;

/** One entry of an environment's promotion history; the newest is the active bundle. */
public record Promotion(
        String orgId,
        String environmentId,
        long sequence,
        Action action,
        String releaseDigest,
        String bundleDigest,
        Rollout rollout,
        String promotedBy,
        long promotedAtMillis) {

    public enum Action {
        PROMOTE,
        /** Re-activates the release of an earlier promotion. */
        ROLLBACK
    }
}
