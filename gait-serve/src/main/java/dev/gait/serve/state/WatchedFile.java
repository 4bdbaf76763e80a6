package dev.gait.serve.state;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One file the sidecar's state comes from (policy, signing key, kill-switch state) and the last
 * value it parsed to. A failed reload keeps the previous value and remembers the error and the
 * fingerprint it failed on, so a broken file is parsed once, not on every request.
 */
final class WatchedFile<T> {

    /** Parses a file's bytes; {@link Parsed#label()} names the loaded version (a digest) for the log. */
    interface Parser<T> {
        Parsed<T> parse(byte[] content, Path path);
    }

    record Parsed<T>(T value, String label) {}

    private final String kind;
    private final Path path;
    private final Parser<T> parser;
    private volatile Fingerprint seen = Fingerprint.MISSING;
    private volatile Parsed<T> loaded;
    private volatile String error = "";

    WatchedFile(String kind, Path path, Parser<T> parser) {
        this.kind = kind;
        this.path = path;
        this.parser = parser;
    }

    String kind() {
        return kind;
    }

    Path path() {
        return path;
    }

    T value() {
        return loaded.value();
    }

    String label() {
        return loaded.label();
    }

    /** The last reload's error, or empty while the file loads cleanly. */
    String error() {
        return error;
    }

    /** One stat call: whether the file differs from what was last loaded or tried. */
    boolean changed() {
        return !Fingerprint.of(path).equals(seen);
    }

    /** Loads the file; fails (and keeps nothing) when it does not parse. */
    void loadInitial(Duration settle) {
        SettledRead.Content content = SettledRead.read(path, settle);
        loaded = parser.parse(content.bytes(), path);
        seen = content.fingerprint();
    }

    /** Reloads the file; true when a new value replaced the old, false when the old one was kept. */
    boolean reload(Duration settle) {
        Fingerprint attempted = Fingerprint.of(path);
        try {
            SettledRead.Content content = SettledRead.read(path, settle);
            attempted = content.fingerprint();
            loaded = parser.parse(content.bytes(), path);
            error = "";
            return true;
        } catch (RuntimeException e) {
            // whatever went wrong, the previous value stays in force: never a half-loaded state
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            return false;
        } finally {
            seen = attempted;
        }
    }
}
