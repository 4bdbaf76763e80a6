package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** The flags of {@code guard encrypt} and {@code guard decrypt}: input, output and key source. */
record CryptFlags(Flag<String> in, Flag<String> out, EncryptionKeyFlags key) {

    static CryptFlags declare(FlagSet flags, String input, String output) {
        return new CryptFlags(flags.string("in", "", input + " (or give it as the argument)"), flags.string("out", "", output),
                EncryptionKeyFlags.declare(flags));
    }

    Path input(Invocation invocation, List<String> positionals) {
        return invocation.resolve(Arguments.flagOrFirst(in, positionals, "--in <path>"));
    }

    /** {@code --out}, else the default derived from the input; never the input itself, which would be lost. */
    Path output(Invocation invocation, Path input, UnaryOperator<String> defaultName) {
        Path target = out.get().isBlank() ? Path.of(defaultName.apply(input.toString())) : invocation.resolve(out.get().strip());
        if (target.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
            throw new UsageException("--out must differ from --in: writing over the input would lose it");
        }
        return target;
    }
}
