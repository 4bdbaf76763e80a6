package dev.gait.core.fs;

import dev.gait.core.error.GaitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Atomic file writes: a temporary file in the target directory, fsync, permissions, rename over
 * the target, then fsync of the directory. Readers see the old file or the new one, never a part.
 */
public final class AtomicFiles {

    /** Owner read/write only: every artifact and key Gait writes is private by default. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {}

    public static void write(Path target, byte[] content) {
        write(target, content, true);
    }

    /** Like {@link #write(Path, byte[])}, but fails if {@code target} exists and {@code replace} is false. */
    public static void write(Path target, byte[] content, boolean replace) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            setOwnerOnly(temp);
            if (replace) {
                move(temp, absolute);
            } else {
                // A hard link fails atomically when the target exists, so no check-then-act race.
                Files.createLink(absolute, temp);
                Files.delete(temp);
            }
            temp = null;
            syncDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            throw GaitException.invalidInput("refusing to overwrite existing file " + target + " (use --force)", e);
        } catch (IOException e) {
            throw GaitException.io("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the temporary name is hidden and unique
                }
            }
        }
    }

    /**
     * Appends {@code content} by writing the old content and the new atomically: a reader sees the file
     * before or after the append, never half a line. Concurrent appenders must hold a lock.
     */
    public static void append(Path target, byte[] content) {
        byte[] existing;
        try {
            existing = Files.exists(target) ? Files.readAllBytes(target) : new byte[0];
        } catch (IOException e) {
            throw GaitException.io("cannot read " + target + ": " + e.getMessage(), e);
        }
        byte[] combined = java.util.Arrays.copyOf(existing, existing.length + content.length);
        System.arraycopy(content, 0, combined, existing.length, content.length);
        write(target, combined);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void setOwnerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the platform's default ACLs apply
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open or sync a directory; the rename itself is already atomic
        }
    }
}
