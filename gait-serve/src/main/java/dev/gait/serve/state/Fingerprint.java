package dev.gait.serve.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What one stat call says about a file: modification time, size and file key (device and inode).
 * A different fingerprint means the file may have changed; it is cheap enough to take on every
 * request.
 */
record Fingerprint(long modifiedNanos, long size, Object fileKey) {
    static final Fingerprint MISSING = new Fingerprint(Long.MIN_VALUE, -1, null);

    static Fingerprint of(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Fingerprint(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return MISSING;
        }
    }

    boolean missing() {
        return equals(MISSING);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && modifiedNanos == that.modifiedNanos && size == that.size
                && Objects.equals(fileKey, that.fileKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modifiedNanos, size, fileKey);
    }
}
