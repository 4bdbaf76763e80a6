package dev.gait.cli.keys;

import dev.gait.cli.Invocation;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeySource;
import dev.gait.core.sign.LocalKeyProvider;
import dev.gait.core.sign.LocalKeyStore;
import dev.gait.core.sign.Signer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Which keys sign and which keys verify, for the commands that write or check signed artifacts. */
public final class SigningKeys {

    private SigningKeys() {}

    /** The signer: an explicitly given private key, else the user's local key (created on first use). */
    public static Signer signer(Invocation invocation, KeyFlagPair privateKey) {
        Optional<KeySource> explicit = privateKey.source(invocation);
        if (explicit.isPresent()) {
            return new LocalKeyProvider(explicit.get()).openSigner();
        }
        return LocalKeyStore.forEnvironment(invocation.environment()).openOrCreate().signer();
    }

    /**
     * The keys a verification trusts: the public key given, else the public half of the private key
     * given, else (when {@code allowLocalKey}) the user's local key. Empty when there is none.
     */
    public static List<byte[]> trustedKeys(Invocation invocation, KeySourceFlags flags, boolean allowLocalKey) {
        List<byte[]> keys = new ArrayList<>();
        Optional<KeySource> publicSource = flags.publicSource(invocation);
        Optional<KeySource> privateSource = flags.privateSource(invocation);
        if (publicSource.isPresent()) {
            keys.add(GoKeyText.decodePublic(publicSource.get()));
        } else if (privateSource.isPresent()) {
            keys.add(GoKeyText.decodePrivate(privateSource.get()).publicKey());
        } else if (allowLocalKey) {
            LocalKeyStore.forEnvironment(invocation.environment()).publicKey().ifPresent(keys::add);
        }
        return keys;
    }
}
