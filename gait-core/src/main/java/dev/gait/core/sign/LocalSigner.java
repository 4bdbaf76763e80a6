package dev.gait.core.sign;

/** A {@link Signer} over a key pair held in process memory. */
public final class LocalSigner implements Signer {
    private final Ed25519KeyPair keyPair;
    private final String keyId;

    public LocalSigner(Ed25519KeyPair keyPair) {
        this.keyPair = keyPair;
        this.keyId = keyPair.keyId();
    }

    @Override
    public byte[] publicKey() {
        return keyPair.publicKey();
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] sign(byte[] message) {
        return keyPair.sign(message);
    }
}
