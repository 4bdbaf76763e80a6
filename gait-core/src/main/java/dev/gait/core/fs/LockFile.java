package dev.gait.core.fs;

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

/**
 * A cross-process lock: a file created exclusively that records who holds it
 * ({@code {schema_id, schema_version, pid, created_at}}). A lock older than {@code staleAfter} is
 * presumed abandoned and removed; waiting longer than {@code timeout} fails as state contention
 * (exit 1). Works across processes and threads alike, on any local file system.
 */
public final class LockFile implements AutoCloseable {

    /** How long to wait, how often to retry, and when a held lock counts as abandoned. */
    public record Timing(Duration timeout, Duration retry, Duration staleAfter) {}

    private final Path path;

    private LockFile(Path path) {
        this.path = path;
    }

    public static LockFile acquire(Path path, String schemaId, Timing timing, Clock clock, String contentionMessage) {
        long deadline = System.nanoTime() + timing.timeout().toNanos();
        byte[] content = (JsonWriter.GO_STRUCT.write(JsonObject.builder()
                .put("schema_id", schemaId)
                .put("schema_version", "1.0.0")
                .put("pid", ProcessHandle.current().pid())
                .put("created_at", GoTime.formatUtc(clock.instant()))
                .build()) + "\n").getBytes(StandardCharsets.UTF_8);
        while (true) {
            try {
                Files.createDirectories(path.toAbsolutePath().getParent());
                Files.write(path, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new LockFile(path);
            } catch (FileAlreadyExistsException e) {
                removeIfStale(path, timing.staleAfter(), clock);
            } catch (IOException e) {
                throw GaitException.io("cannot create lock " + path + ": " + e.getMessage(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new GaitException(ErrorCategory.STATE_CONTENTION, contentionMessage + " (" + path + ")");
            }
            try {
                Thread.sleep(timing.retry());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GaitException(ErrorCategory.STATE_CONTENTION, contentionMessage + ": interrupted");
            }
        }
    }

    private static void removeIfStale(Path path, Duration staleAfter, Clock clock) {
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            if (modified.toInstant().plus(staleAfter).isBefore(clock.instant())) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // released meanwhile: the next attempt will tell
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw GaitException.io("cannot release lock " + path + ": " + e.getMessage(), e);
        }
    }
}
