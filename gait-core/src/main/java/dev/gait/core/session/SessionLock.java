package dev.gait.core.session;

import dev.gait.core.canon.GoDuration;
import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The lock that serialises writers of one session journal: a file {@code <journal>.lock} created
 * exclusively and holding {@code gait.runpack.session_lock}. A lock older than the stale limit is
 * presumed abandoned and taken over; waiting longer than the timeout fails with exit 1.
 */
public final class SessionLock implements AutoCloseable {

    /** Timeout, retry interval and stale limit; {@code durable} decides whether appends are fsynced. */
    public record Profile(Duration timeout, Duration retry, Duration staleAfter, boolean durable) {
        public static final Profile STANDARD = new Profile(Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMinutes(5), true);
        public static final Profile SWARM = new Profile(Duration.ofSeconds(10), Duration.ofMillis(20), Duration.ofMinutes(10), false);

        /** {@code GAIT_SESSION_LOCK_PROFILE} (standard|swarm) and {@code GAIT_SESSION_LOCK_{TIMEOUT,RETRY,STALE_AFTER}}. */
        public static Profile fromEnvironment(Map<String, String> environment) {
            String name = environment.getOrDefault("GAIT_SESSION_LOCK_PROFILE", "standard").strip();
            Profile base = switch (name) {
                case "", "standard" -> STANDARD;
                case "swarm" -> SWARM;
                default -> throw GaitException.invalidInput("unsupported GAIT_SESSION_LOCK_PROFILE " + name + " (expected standard or swarm)");
            };
            return new Profile(
                    duration(environment, "GAIT_SESSION_LOCK_TIMEOUT", base.timeout),
                    duration(environment, "GAIT_SESSION_LOCK_RETRY", base.retry),
                    duration(environment, "GAIT_SESSION_LOCK_STALE_AFTER", base.staleAfter),
                    base.durable);
        }

        private static Duration duration(Map<String, String> environment, String name, Duration fallback) {
            String text = environment.getOrDefault(name, "").strip();
            if (text.isEmpty()) {
                return fallback;
            }
            try {
                return GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw GaitException.invalidInput(name + ": " + e.getMessage(), e);
            }
        }
    }

    private final Path lockFile;

    private SessionLock(Path lockFile) {
        this.lockFile = lockFile;
    }

    public static SessionLock acquire(Path journal, Profile profile, Clock clock) {
        Path lockFile = journal.resolveSibling(journal.getFileName() + ".lock");
        long deadline = System.nanoTime() + profile.timeout().toNanos();
        byte[] content = (JsonWriter.GO_STRUCT.write(JsonObject.builder()
                .put("schema_id", "gait.runpack.session_lock")
                .put("schema_version", "1.0.0")
                .put("pid", ProcessHandle.current().pid())
                .put("created_at", GoTime.formatUtc(clock.instant()))
                .build()) + "\n").getBytes(StandardCharsets.UTF_8);
        while (true) {
            try {
                Files.createDirectories(lockFile.toAbsolutePath().getParent());
                Files.write(lockFile, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new SessionLock(lockFile);
            } catch (FileAlreadyExistsException e) {
                removeIfStale(lockFile, profile.staleAfter(), clock);
            } catch (IOException e) {
                throw GaitException.io("cannot create session lock " + lockFile + ": " + e.getMessage(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new GaitException(ErrorCategory.STATE_CONTENTION, "session state contention: lock timeout (" + lockFile + ")");
            }
            try {
                Thread.sleep(profile.retry());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GaitException(ErrorCategory.STATE_CONTENTION, "session state contention: interrupted while waiting for the lock");
            }
        }
    }

    private static void removeIfStale(Path lockFile, Duration staleAfter, Clock clock) {
        try {
            FileTime modified = Files.getLastModifiedTime(lockFile);
            if (modified.toInstant().plus(staleAfter).isBefore(clock.instant())) {
                Files.deleteIfExists(lockFile);
            }
        } catch (IOException e) {
            // the holder released it meanwhile: the next attempt will tell
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            throw GaitException.io("cannot release session lock " + lockFile + ": " + e.getMessage(), e);
        }
    }
}
