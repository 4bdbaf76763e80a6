package dev.gait.serve.state;

import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Reads a file only once it has stopped changing: its fingerprint must have held for the settle
 * time and must be the same before and after the read. A file modified recently (within the settle
 * time plus two seconds, because some file systems keep whole or even-numbered seconds only) is
 * watched for the full settle time; only an old file is read at once. A file written in place in several steps is therefore never
 * read half-written, as long as the writer finishes within the settle time.
 */
final class SettledRead {
    /** A file that keeps changing for this many settle times is reported rather than waited on. */
    private static final int MAX_SETTLE_PERIODS = 20;
    /** The coarsest modification-time granularity trusted: FAT's two seconds. */
    private static final long COARSE_TIMESTAMPS_NANOS = TimeUnit.SECONDS.toNanos(2);

    record Content(byte[] bytes, Fingerprint fingerprint) {}

    private SettledRead() {}

    static Content read(Path path, Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos() * MAX_SETTLE_PERIODS;
        Fingerprint seen = Fingerprint.of(path);
        while (true) {
            if (seen.missing()) {
                throw GaitException.invalidInput(path + " not found");
            }
            long age = nowNanos() - seen.modifiedNanos();
            Fingerprint current = seen;
            if (age < settle.toNanos() + COARSE_TIMESTAMPS_NANOS) {
                sleep(settle.toNanos());
                current = Fingerprint.of(path);
            }
            if (current.equals(seen)) {
                byte[] bytes = InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES);
                current = Fingerprint.of(path);
                if (current.equals(seen)) {
                    return new Content(bytes, seen);
                }
            }
            if (System.nanoTime() > deadline) {
                throw GaitException.invalidInput(path + " kept changing for " + settle.multipliedBy(MAX_SETTLE_PERIODS).toMillis() + " ms");
            }
            seen = current;
        }
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GaitException.io("interrupted while waiting for a file to settle", e);
        }
    }
}
