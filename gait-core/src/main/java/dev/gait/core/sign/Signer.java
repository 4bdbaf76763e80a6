package dev.gait.core.sign;

/**
 * Something that holds an Ed25519 private key and signs with it: a key in memory today, an HSM
 * (PKCS#11) or a cloud KMS key later. Callers never see private key bytes through this interface.
 */
public interface Signer {

    /** The raw 32-byte Ed25519 public key. */
    byte[] publicKey();

    /** Gait's key id: SHA-256 hex of {@link #publicKey()}. */
    default String keyId() {
        return Ed25519KeyPair.keyId(publicKey());
    }

    /** An Ed25519 signature (64 bytes) over {@code message}. */
    byte[] sign(byte[] message);
}
