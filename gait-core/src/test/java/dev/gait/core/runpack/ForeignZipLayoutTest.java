package dev.gait.core.runpack;

import dev.gait.core.sign.SignatureStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.zip.SafeZip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Runpacks written by Gait v1 differ from ours at the zip level: data descriptors, Unix "made by",
 * mode 0644, an extended-timestamp extra field, Go's Deflate. Their entries, hashes and digests are
 * what count, so such an archive must verify exactly like ours.
 */
class ForeignZipLayoutTest {

    @Test
    void a_go_style_archive_of_the_same_entries_verifies_with_the_same_digest() throws IOException {
        RunpackRecorder.Recorded recorded = new RunpackRecorder(Clock.systemUTC())
                .record(ConformanceVectorsTest.integrationInput(), null, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // a plain stream, not a seekable one, forces data descriptors (flag 0x0008) as Go writes them
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setLevel(9);
            for (Map.Entry<String, byte[]> entry : new java.util.TreeMap<>(recorded.entries()).entrySet()) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
                zipEntry.setMethod(ZipEntry.DEFLATED);
                zipEntry.setUnixMode(0100644);
                X5455_ExtendedTimestamp timestamp = new X5455_ExtendedTimestamp();
                timestamp.setModifyFileTime(FileTime.from(Instant.parse("1980-01-01T00:00:00Z")));
                zipEntry.addExtraField(timestamp);
                zip.putArchiveEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeArchiveEntry();
            }
        }
        try (SafeZip zip = SafeZip.open(bytes.toByteArray(), "go-style.zip")) {
            VerifyReport report = RunpackVerifier.verify(zip, "go-style.zip", List.of(), false);
            assertThat(report.ok()).isTrue();
            assertThat(report.manifestDigest()).isEqualTo("5df30db691a7623bbad16c19ddda77f801ac9aad853a615ca6511c628f21f5d8");
            assertThat(report.signatureStatus()).isEqualTo(SignatureStatus.MISSING);
            assertThat(report.filesChecked()).isEqualTo(4);
        }
    }
}
