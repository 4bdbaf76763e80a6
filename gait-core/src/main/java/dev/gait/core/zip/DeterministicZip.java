package dev.gait.core.zip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes zip archives whose bytes depend only on their entries: names sorted, every timestamp
 * 1980-01-01T00:00:00 (DOS date 0x0021, time 0), Deflate level 5 (Gait's default), no directory
 * entries, no comment, no extra fields.
 */
public final class DeterministicZip {

    private static final LocalDateTime EPOCH_1980 = LocalDateTime.of(1980, 1, 1, 0, 0, 0);
    private static final int GAIT_DEFLATE_LEVEL = 5;

    private DeterministicZip() {}

    public static byte[] write(Map<String, byte[]> entries) {
        SortedMap<String, byte[]> sorted = new TreeMap<>(entries);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(GAIT_DEFLATE_LEVEL);
            for (Map.Entry<String, byte[]> entry : sorted.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                zipEntry.setTimeLocal(EPOCH_1980);
                zipEntry.setMethod(ZipEntry.DEFLATED);
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory zip writing failed", e);
        }
        return bytes.toByteArray();
    }
}
