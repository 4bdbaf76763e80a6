package dev.gait.core.adoption;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.LockFile;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonReader;
import java.io.BufferedReader;
import java.io.Reader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The local adoption log: JSON lines, one event per command, appended under a lock file so that
 * concurrent commands never interleave a line. Telemetry must not slow a command down, so the lock
 * is waited for briefly; a lock left by a crashed process is taken over after two minutes.
 */
public final class AdoptionLog {
    static final LockFile.Timing LOCK_TIMING = new LockFile.Timing(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMinutes(2));
    /** v1's bound on one line; nothing Gait writes comes near it. */
    static final int MAX_LINE_CHARS = 1024 * 1024;

    private AdoptionLog() {}

    /** Appends one event; the log (mode 0600) and its directory are created when missing. */
    public static void append(Path log, AdoptionEvent event, Clock clock) {
        byte[] line = (JsonWriter.GO_STRUCT.write(event.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw GaitException.io("adoption log directory: " + e.getMessage(), e);
        }
        Path lock = log.resolveSibling(log.getFileName() + ".lock");
        try (LockFile ignored = LockFile.acquire(lock, "gait.scout.adoption_lock", LOCK_TIMING, clock, "adoption log lock timeout");
             FileChannel channel = FileChannel.open(log, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                     PosixFilePermissions.asFileAttribute(AtomicFiles.OWNER_ONLY))) {
            channel.write(ByteBuffer.wrap(line));
        } catch (IOException e) {
            throw GaitException.io("append adoption log " + log + ": " + e.getMessage(), e);
        }
    }

    /** Reads every event; blank lines are skipped, and any malformed line is an error naming its number. */
    public static List<AdoptionEvent> read(Path log) {
        List<AdoptionEvent> events = new ArrayList<>();
        try (Reader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = nextLine(reader, number + 1); line != null; line = nextLine(reader, number + 1)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(AdoptionEvent.fromJson(JsonReader.strict().readObject(line.strip().getBytes(StandardCharsets.UTF_8))));
                } catch (JsonException | IllegalArgumentException e) {
                    throw GaitException.invalidInput("adoption log line " + number + ": " + e.getMessage(), e);
                }
            }
        } catch (NoSuchFileException e) {
            throw GaitException.invalidInput("adoption log not found: " + log, e);
        } catch (IOException e) {
            throw GaitException.invalidInput("cannot read adoption log " + log + ": " + e.getMessage(), e);
        }
        return events;
    }

    /** The next line without its end, or null at the end of the log; a line over the bound is refused before it is read whole. */
    private static String nextLine(Reader reader, int number) throws IOException {
        StringBuilder line = new StringBuilder();
        int c = reader.read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (line.length() == MAX_LINE_CHARS) {
                throw GaitException.invalidInput("adoption log line " + number + " is longer than " + MAX_LINE_CHARS + " characters");
            }
            line.append((char) c);
            c = reader.read();
        }
        return line.toString();
    }
}
