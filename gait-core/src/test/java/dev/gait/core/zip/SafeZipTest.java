package dev.gait.core.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile archives: each fails with a clear message and its documented category. */
class SafeZipTest {

    /** Writes entries the way another tool might: any name, any Unix mode, duplicates allowed. */
    static byte[] rawZip(Object... nameModeContent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (int i = 0; i < nameModeContent.length; i += 3) {
                ZipArchiveEntry entry = new ZipArchiveEntry((String) nameModeContent[i]);
                entry.setUnixMode((Integer) nameModeContent[i + 1]);
                entry.setMethod(ZipEntry.DEFLATED);
                zip.putArchiveEntry(entry);
                zip.write((byte[]) nameModeContent[i + 2]);
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void assertVerificationFailure(byte[] zip, String message) {
        assertThatThrownBy(() -> SafeZip.open(zip, "hostile.zip"))
                .isInstanceOfSatisfying(GaitException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.VERIFICATION_FAILED))
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape.json", "/etc/passwd", "a/../../b", "C:/windows", "a//b", "./run.json", "."})
    void names_that_could_escape_a_directory_are_refused(String name) throws IOException {
        assertVerificationFailure(rawZip(name, 0100644, "x".getBytes()), "unsafe entry name");
    }

    @Test
    void backslashes_nul_and_drive_letters_are_unsafe_names() {
        // the zip library already turns DOS backslashes into '/', so these are checked directly
        assertThat(SafeZip.isSafeName("dir\\file")).isFalse();
        assertThat(SafeZip.isSafeName("a\0b")).isFalse();
        assertThat(SafeZip.isSafeName("c:evil")).isFalse();
        assertThat(SafeZip.isSafeName("")).isFalse();
        assertThat(SafeZip.isSafeName("fixtures/a/runpack.zip")).isTrue();
    }

    @Test
    void duplicate_entries_are_refused() throws IOException {
        assertVerificationFailure(rawZip("run.json", 0100644, "a".getBytes(), "run.json", 0100644, "b".getBytes()),
                "zip contains duplicate entries: run.json");
    }

    @Test
    void symbolic_links_and_directories_are_refused() throws IOException {
        assertVerificationFailure(rawZip("run.json", 0120777, "/etc/passwd".getBytes()), "symbolic link entry");
        assertVerificationFailure(rawZip("dir/", 040755, new byte[0]), "unexpected directory entry");
    }

    @Test
    void an_entry_over_the_limit_is_refused_before_it_is_inflated() throws IOException {
        byte[] zip = rawZip("big.json", 0100644, new byte[2 * 1024 * 1024]);
        try (SafeZip opened = SafeZip.open(zip, "bomb.zip")) {
            assertThatThrownBy(() -> opened.read("big.json", 1024 * 1024))
                    .isInstanceOfSatisfying(GaitException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.VERIFICATION_FAILED))
                    .hasMessageContaining("declares 2097152 bytes, more than the limit of 1048576");
            assertThat(opened.read("big.json", 4 * 1024 * 1024)).hasSize(2 * 1024 * 1024);
        }
    }

    @Test
    void an_entry_that_inflates_beyond_its_declared_size_is_refused() throws IOException {
        byte[] zip = rawZip("bomb.json", 0100644, new byte[1_000_000]);
        patchCentralDirectoryUncompressedSize(zip, 100);
        try (SafeZip opened = SafeZip.open(zip, "bomb.zip")) {
            assertThatThrownBy(() -> opened.sha256Hex("bomb.json", 1 << 30))
                    .isInstanceOf(GaitException.class)
                    .hasMessageContaining("inflates beyond its declared size of 100 bytes");
        }
    }

    @Test
    void large_archives_are_hashed_in_parallel_with_the_same_results_and_errors() throws IOException {
        byte[] a = new byte[17 * 1024 * 1024];
        byte[] b = new byte[9 * 1024 * 1024];
        b[b.length - 1] = 1;
        byte[] zip = rawZip("b.bin", 0100644, b, "a.bin", 0100644, a);
        try (SafeZip opened = SafeZip.open(zip, "large.zip")) {
            Map<String, String> digests = opened.sha256Hex(java.util.List.of("a.bin", "b.bin"), 1 << 30);
            assertThat(digests).containsExactly(
                    Map.entry("a.bin", dev.gait.core.digest.Digests.sha256Hex(a)),
                    Map.entry("b.bin", dev.gait.core.digest.Digests.sha256Hex(b)));
        }
        patchCentralDirectoryUncompressedSize(zip, 100); // b.bin now lies; the total stays above the threshold
        try (SafeZip opened = SafeZip.open(zip, "large-bomb.zip")) {
            assertThatThrownBy(() -> opened.sha256Hex(java.util.List.of("a.bin", "b.bin"), 1 << 30))
                    .isInstanceOf(GaitException.class)
                    .hasMessageContaining("inflates beyond its declared size");
        }
    }

    @Test
    void truncated_and_foreign_files_are_invalid_input() throws IOException {
        byte[] zip = rawZip("run.json", 0100644, "{\"a\":1}".getBytes());
        for (byte[] broken : new byte[][] {Arrays.copyOf(zip, zip.length / 2), "not a zip at all".getBytes(), new byte[0]}) {
            assertThatThrownBy(() -> SafeZip.open(broken, "broken.zip"))
                    .isInstanceOfSatisfying(GaitException.class,
                            e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_INPUT))
                    .hasMessageContaining("not a valid zip archive");
        }
    }

    @Test
    void deterministic_zips_are_byte_stable_and_sorted() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("run.json", "{\"b\":1}".getBytes());
        entries.put("intents.jsonl", "".getBytes());
        entries.put("manifest.json", "{}".getBytes());
        byte[] first = DeterministicZip.write(entries);
        byte[] second = DeterministicZip.write(new LinkedHashMap<>(Map.of(
                "manifest.json", "{}".getBytes(), "run.json", "{\"b\":1}".getBytes(), "intents.jsonl", "".getBytes())));
        assertThat(first).isEqualTo(second);
        try (SafeZip zip = SafeZip.open(first, "d.zip")) {
            assertThat(zip.names()).containsExactly("intents.jsonl", "manifest.json", "run.json");
            assertThat(zip.read("intents.jsonl", 10)).isEmpty();
        }
        // DOS date 0x0021 (1980-01-01) and time 0 in the first local header
        ByteBuffer header = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getShort(10)).isZero();
        assertThat(header.getShort(12)).isEqualTo((short) 0x0021);
    }

    /** Rewrites the uncompressed size of the first entry in the central directory. */
    private static void patchCentralDirectoryUncompressedSize(byte[] zip, int size) {
        ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < zip.length - 4; i++) {
            if (buffer.getInt(i) == 0x02014b50) {
                buffer.putInt(i + 24, size);
                return;
            }
        }
        throw new AssertionError("no central directory header");
    }
}
