package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.core.error.GaitException;
import dev.gait.core.guard.CommandKeyProvider;
import dev.gait.core.guard.EncryptionKeyProvider;
import dev.gait.core.guard.EnvKeyProvider;
import java.util.Arrays;

/** {@code --key-env VAR} or {@code --key-command PROGRAM [--key-command-args a,b]}: exactly one key source. */
record EncryptionKeyFlags(Flag<String> keyEnv, Flag<String> keyCommand, Flag<String> keyCommandArgs) {

    static EncryptionKeyFlags declare(FlagSet flags) {
        return new EncryptionKeyFlags(
                flags.string("key-env", "", "environment variable holding the base64 32-byte key"),
                flags.string("key-command", "", "program that prints the base64 32-byte key (run without a shell)"),
                flags.string("key-command-args", "", "comma-separated arguments for the key program"));
    }

    EncryptionKeyProvider provider(Invocation invocation) {
        String env = keyEnv.get().strip();
        String command = keyCommand.get().strip();
        if (!env.isEmpty() && !command.isEmpty()) {
            throw new UsageException("--key-env and --key-command are mutually exclusive");
        }
        if (!env.isEmpty()) {
            return new EnvKeyProvider(env, invocation.environment());
        }
        if (!command.isEmpty()) {
            return new CommandKeyProvider(command, Arrays.stream(keyCommandArgs.get().split(","))
                    .map(String::strip).filter(arg -> !arg.isEmpty()).toList());
        }
        throw GaitException.invalidInput("missing key source: provide --key-env or --key-command");
    }
}
