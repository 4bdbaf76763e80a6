package dev.gait.serve.fleet;

import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The last known good bundle on disk ({@code <cache dir>/bundle.json}): written atomically after it
 * verified and before it is activated, read back (and verified again) at start. {@code gait gate
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
}
