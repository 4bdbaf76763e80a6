package dev.gait.core.fs;

import dev.gait.core.error.GaitException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads user-supplied input files with a size bound and errors that say what went wrong. */
public final class InputFiles {

    /** Large enough for any real intent, policy or trace; small enough to refuse a hostile blob. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

    private InputFiles() {}

    public static byte[] read(Path path, int maxBytes) {
        try {
            if (Files.isDirectory(path)) {
                throw GaitException.invalidInput("expected a file but found a directory: " + path);
            }
            try (InputStream in = Files.newInputStream(path)) {
                return readBounded(in, maxBytes, path.toString());
            }
        } catch (NoSuchFileException e) {
            throw GaitException.invalidInput("file not found: " + path, e);
        } catch (IOException e) {
            throw GaitException.invalidInput("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads at most {@code maxBytes} from a stream (standard input); more is an error, not a truncation. */
    public static byte[] readBounded(InputStream in, int maxBytes, String name) {
        try {
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                throw GaitException.invalidInput(name + " is larger than the limit of " + maxBytes + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw GaitException.invalidInput("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
