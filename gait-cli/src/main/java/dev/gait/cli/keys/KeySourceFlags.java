package dev.gait.cli.keys;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.FlagSet;
import dev.gait.core.sign.KeySource;
import java.util.Optional;

/**
 * The key source flags of commands that verify:
 * {@code --private-key PATH | --private-key-env NAME} and {@code --public-key PATH | --public-key-env NAME}.
 */
public record KeySourceFlags(KeyFlagPair privateKey, KeyFlagPair publicKey) {

    public static KeySourceFlags declare(FlagSet flags) {
        return new KeySourceFlags(
                KeyFlagPair.declare(flags, "private-key", "Gait private key"),
                KeyFlagPair.declare(flags, "public-key", "Gait public key"));
    }

    public Optional<KeySource> privateSource(Invocation invocation) {
        return privateKey.source(invocation);
    }

    public Optional<KeySource> publicSource(Invocation invocation) {
        return publicKey.source(invocation);
    }
}
