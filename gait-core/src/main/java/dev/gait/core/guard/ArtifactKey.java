package dev.gait.core.guard;

/**
 * An AES-256-GCM key that seals and opens artifacts. Callers never see the key's bytes through
 * this interface, so a key held by an HSM (PKCS#11) or a cloud KMS can implement it later.
 */
public interface ArtifactKey {

    /** The ciphertext with its 16-byte tag appended, as Go's {@code gcm.Seal} returns it; no additional data. */
    byte[] seal(byte[] nonce, byte[] plaintext);

    /**
     * The plaintext.
     *
     * @throws dev.gait.core.error.GaitException (verification failed) when the tag does not verify:
     *         a wrong key or an altered ciphertext
     */
    byte[] open(byte[] nonce, byte[] sealed);
}
