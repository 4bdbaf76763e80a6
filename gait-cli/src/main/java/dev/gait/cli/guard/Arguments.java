package dev.gait.cli.guard;

import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.UsageException;
import java.util.List;

/** Gait v1's guard commands take their main input as a flag or as the first argument. */
final class Arguments {

    private Arguments() {}

    /** The flag's value, else the first positional argument; a usage error naming {@code expected} when neither is given. */
    static String flagOrFirst(Flag<String> flag, List<String> positionals, String expected) {
        String value = flag.get().isBlank() && !positionals.isEmpty() ? positionals.getFirst() : flag.get();
        if (value.isBlank()) {
            throw new UsageException("expected " + expected);
        }
        return value.strip();
    }
}
