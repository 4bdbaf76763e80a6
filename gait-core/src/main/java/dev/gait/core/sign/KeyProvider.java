package dev.gait.core.sign;

/**
 * Opens signing keys. Local key files and environment variables are built in; providers for
 * PKCS#11 tokens and cloud KMS keys implement the same interface and are chosen by key reference
 * scheme (see {@link KeyProviders}).
 */
public interface KeyProvider {

    /** A description safe to print: it names where the key lives, never the key. */
    String describe();

    /** A signer for the provider's key; fails with a clear error when the key cannot be used. */
    Signer openSigner();
}
