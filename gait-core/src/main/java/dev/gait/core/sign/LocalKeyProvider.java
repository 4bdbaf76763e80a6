package dev.gait.core.sign;

/** Signing keys in Gait's key text format, read from a file or an environment variable. */
public record LocalKeyProvider(KeySource source) implements KeyProvider {

    @Override
    public String describe() {
        return source.describe();
    }

    @Override
    public Signer openSigner() {
        return new LocalSigner(GoKeyText.decodePrivate(source));
    }
}
