package dev.gait.core.reduce;

import dev.gait.core.error.GaitException;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Candidate runpacks written for predicates that judge files: one private temporary directory,
 * created on first use and removed with everything in it on {@link #close()} (raw captures are
 * sensitive evidence and must not outlive the reduction).
 */
final class CandidateFiles implements AutoCloseable {
    private Path directory;
    private Thread cleanupOnExit;

    /** Writes a recorded candidate as {@code runpack_<id>.zip} and returns its path. */
    Path write(RunpackRecorder.Recorded candidate) {
        return RunpackWriter.write(directory(), candidate);
    }

    private Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("gait-reduce-");
                // an interrupted reduction (Ctrl-C, kill) must not leave raw candidates behind either
                cleanupOnExit = new Thread(this::deleteAll);
                Runtime.getRuntime().addShutdownHook(cleanupOnExit);
            } catch (IOException e) {
                throw GaitException.io("cannot create a directory for candidate runpacks: " + e.getMessage(), e);
            }
        }
        return directory;
    }

    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        deleteAll();
    }

    /** Removes the directory and everything in it, including what a predicate program left there. */
    private void deleteAll() {
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw GaitException.io("cannot remove candidate runpacks in " + directory + ": " + e.getMessage(), e);
        }
    }
}
