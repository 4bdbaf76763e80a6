package dev.gait.serve.fleet;

import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The last known good bundle on disk ({@code <cache dir>/bundle.json}): written atomically once it
 * verified and is active, read back (and verified again) at start. {@code gait gate
 * eval --bundle} reads the same file.
 */
final class BundleCache {
    static final String FILE_NAME = "bundle.json";

    private final Path file;

    BundleCache(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    Optional<byte[]> load() {
        return Files.exists(file) ? Optional.of(InputFiles.read(file, InputFiles.DEFAULT_MAX_BYTES)) : Optional.empty();
    }

    void save(byte[] bundle) {
        AtomicFiles.write(file, bundle);
    }

    /** Removes a cached bundle that is older than the one in force; says so when even that fails. */
    void discard(PrintStream log) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.println("gait serve: cannot remove the stale fleet bundle cache " + file + ": " + e.getMessage()
                    + "; a restart would enforce it until the control plane answers");
        }
    }
}
