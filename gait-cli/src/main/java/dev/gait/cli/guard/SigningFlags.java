package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.core.sign.Signer;
import java.util.Optional;

/**
 * How a guard artifact is signed: with {@code --private-key}/{@code --private-key-env}, else with
 * the user's local key; {@code --unsigned} is the explicit way out.
 */
record SigningFlags(KeyFlagPair privateKey, Flag<Boolean> unsigned) {

    static SigningFlags declare(FlagSet flags, String what) {
        return new SigningFlags(
                KeyFlagPair.declare(flags, "private-key", "Gait private key to sign the " + what + " (default: your local key)"),
                flags.bool("unsigned", false, "write the " + what + " without a signature"));
    }

    Optional<Signer> signer(Invocation invocation) {
        if (!unsigned.get()) {
            return Optional.of(SigningKeys.signer(invocation, privateKey));
        }
        if (privateKey.source(invocation).isPresent()) {
            throw new UsageException("--unsigned cannot be combined with --private-key or --private-key-env");
        }
        return Optional.empty();
    }
}
