package dev.gait.fleet.registry;

/**
 * A new bundle for an environment. {@code sequence} must be one more than the environment's latest
 * promotion (1 for the first): the bundle usually carries it, and a concurrent promotion that took
 * the number first makes this one a conflict instead of silently replacing it.
 */
public record PromotionRequest(
        String environmentId, long sequence, Promotion.Action action, String releaseDigest, byte[] bundle, Rollout rollout) {
    public PromotionRequest {
        bundle = bundle.clone();
    }

    @Override
    public byte[] bundle() {
        return bundle.clone();
    }
}
