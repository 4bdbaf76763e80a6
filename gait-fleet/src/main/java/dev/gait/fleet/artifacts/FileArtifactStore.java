package dev.gait.fleet.artifacts;

import dev.gait.core.digest.Digests;
import dev.gait.core.fs.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Blobs as files under a root directory, written atomically. */
public final class FileArtifactStore implements ArtifactStore {

    private final Path root;

    public FileArtifactStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    @Override
    public String put(String orgId, byte[] content) {
        String digest = Digests.sha256Hex(content);
        Path file = file(orgId, digest);
        if (!Files.exists(file)) {
            // Replacing is harmless: a concurrent writer of the same name writes the same bytes.
            AtomicFiles.write(file, content);
        }
        return digest;
    }

    @Override
    public Optional<byte[]> get(String orgId, String digest) {
        try {
            return Optional.of(ArtifactKeys.verified(digest, Files.readAllBytes(file(orgId, digest))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + digest, e);
        }
    }

    @Override
    public boolean exists(String orgId, String digest) {
        return Files.exists(file(orgId, digest));
    }

    @Override
    public List<String> list(String orgId) {
        Path directory = root.resolve(ArtifactKeys.prefix(orgId));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).filter(Digests::isSha256Hex).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list artifacts of " + orgId, e);
        }
    }

    @Override
    public boolean delete(String orgId, String digest) {
        try {
            return Files.deleteIfExists(file(orgId, digest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete artifact " + digest, e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }

    private Path file(String orgId, String digest) {
        return root.resolve(ArtifactKeys.key(orgId, digest));
    }
}
