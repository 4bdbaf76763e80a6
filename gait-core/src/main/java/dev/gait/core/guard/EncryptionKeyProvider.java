package dev.gait.core.guard;

/**
 * Where an artifact encryption key comes from: an environment variable, the operator's key program
 * (a KMS CLI, a vault agent), or later a PKCS#11 token or a KMS API.
 */
public interface EncryptionKeyProvider {

    /** How the artifact records the key's source ({@code key_source}); never the key itself. */
    EncryptionKeySource source();

    /** Obtains the key; fails with invalid input when the source yields no usable 32-byte key. */
    ArtifactKey open();
}
