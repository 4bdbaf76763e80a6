package dev.gait.cli.session;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import java.nio.file.Path;

/** The {@code --journal} flag every session command takes. */
record JournalFlag(Flag<String> journal) {

    static JournalFlag declare(FlagSet flags) {
        return new JournalFlag(flags.string("journal", "", "path of the session journal (JSON lines)"));
    }

    Path path(Invocation invocation) {
        if (journal.get().isBlank()) {
            throw new UsageException("missing required --journal");
        }
        return invocation.resolve(journal.get());
    }
}
