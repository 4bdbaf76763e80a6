package dev.gait.fleet.registry;

/** An environment's newest promotion with its signed bundle bytes. */
public record ActiveBundle(Promotion promotion, byte[] bundle) {
    public ActiveBundle {
        bundle = bundle.clone();
    }

    @Override
    public byte[] bundle() {
        return bundle.clone();
    }
}
