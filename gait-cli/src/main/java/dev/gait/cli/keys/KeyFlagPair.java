package dev.gait.cli.keys;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.core.sign.KeySource;
import java.util.Optional;

/** A key given either as a file ({@code --<name> PATH}) or an environment variable ({@code --<name>-env NAME}). */
public record KeyFlagPair(Flag<String> path, Flag<String> env) {

    public static KeyFlagPair declare(FlagSet flags, String name, String what) {
        return new KeyFlagPair(
                flags.string(name, "", "path of a " + what + " file"),
                flags.string(name + "-env", "", "environment variable holding a " + what));
    }

    /** The source the user named, if any; naming both is a usage error. */
    public Optional<KeySource> source(Invocation invocation) {
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
