package dev.gait.cli.keys;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import java.nio.file.Path;

/** Where a key pair lives: {@code --out-dir} and {@code --prefix}. */
record KeyLocation(Flag<String> outDir, Flag<String> prefix) {

    static KeyLocation declare(FlagSet flags) {
        return new KeyLocation(
                flags.string("out-dir", "gait-out/keys", "directory of the key files"),
                flags.string("prefix", "gait", "file name prefix: <prefix>_private.key and <prefix>_public.key"));
    }

    Path directory(Invocation invocation) {
        return invocation.resolve(outDir.get());
    }

    /** The prefix, checked so that it cannot name a file outside the directory. */
    String checkedPrefix() {
        String value = prefix.get().strip();
        if (value.isEmpty() || !value.matches("[A-Za-z0-9._-]+") || value.startsWith(".")) {
            throw new UsageException("--prefix must be non-empty, must not start with '.', and may use only letters, digits, '.', '_' and '-'");
        }
        return value;
    }
}
