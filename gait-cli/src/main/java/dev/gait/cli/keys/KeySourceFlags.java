package dev.gait.cli.keys;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.core.sign.KeySource;
import java.util.Optional;

/**
 * The key source flags shared by every command that signs or verifies:
 * {@code --private-key PATH | --private-key-env NAME} and {@code --public-key PATH | --public-key-env NAME}.
 */
public record KeySourceFlags(Flag<String> privateKey, Flag<String> privateKeyEnv,
                             Flag<String> publicKey, Flag<String> publicKeyEnv) {

    public static KeySourceFlags declare(FlagSet flags) {
        return new KeySourceFlags(
                flags.string("private-key", "", "path of a Gait private key file"),
                flags.string("private-key-env", "", "environment variable holding a Gait private key"),
                flags.string("public-key", "", "path of a Gait public key file"),
                flags.string("public-key-env", "", "environment variable holding a Gait public key"));
    }

    public Optional<KeySource> privateSource(Invocation invocation) {
        return source(invocation, privateKey, privateKeyEnv);
    }

    public Optional<KeySource> publicSource(Invocation invocation) {
        return source(invocation, publicKey, publicKeyEnv);
    }

    private static Optional<KeySource> source(Invocation invocation, Flag<String> path, Flag<String> env) {
        String pathValue = path.get().strip();
        String envValue = env.get().strip();
        if (!pathValue.isEmpty() && !envValue.isEmpty()) {
            throw new UsageException("--" + path.name() + " and --" + env.name() + " are mutually exclusive");
        }
        if (!pathValue.isEmpty()) {
            return Optional.of(new KeySource.FileSource(invocation.resolve(pathValue)));
        }
        if (!envValue.isEmpty()) {
            return Optional.of(new KeySource.EnvSource(envValue, invocation.environment()));
        }
        return Optional.empty();
    }
}
