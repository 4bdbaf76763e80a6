package dev.gait.cli.guard;

import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.UsageException;
import dev.gait.core.canon.GoDuration;
import java.time.Duration;

/** Reads a flag holding a Go duration ({@code 24h}, {@code 90m}). */
final class Durations {

    private Durations() {}

    static Duration of(Flag<String> flag) {
        try {
            return GoDuration.parse(flag.get().strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("parse --" + flag.name() + ": " + e.getMessage());
        }
    }
}
