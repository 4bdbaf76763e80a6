package dev.gait.core.session;

import dev.gait.core.canon.GoDuration;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.LockFile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The lock that serialises writers of one session journal: {@code <journal>.lock}, a {@link LockFile}
 * holding {@code gait.runpack.session_lock}, with the timing of the standard or swarm profile.
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

    private final LockFile lock;

    private SessionLock(LockFile lock) {
        this.lock = lock;
    }

    public static SessionLock acquire(Path journal, Profile profile, Clock clock) {
        Path lockFile = journal.resolveSibling(journal.getFileName() + ".lock");
        return new SessionLock(LockFile.acquire(lockFile, "gait.runpack.session_lock",
                new LockFile.Timing(profile.timeout(), profile.retry(), profile.staleAfter()), clock,
                "session state contention: lock timeout"));
    }

    @Override
    public void close() {
        lock.close();
    }
}
