package dev.gait.cli.regress;

import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;

/** The flags that name where a fixture comes from. */
record SourceFlags(Flag<String> from, Flag<String> name, Flag<String> checkpoint) {

    static SourceFlags declare(FlagSet flags, String fromUsage) {
        return new SourceFlags(
                flags.string("from", "", fromUsage),
                flags.string("name", "", "fixture name (default: derived from the run id)"),
                flags.string("checkpoint", "latest", "for a session chain: latest, or a checkpoint index"));
    }
}
