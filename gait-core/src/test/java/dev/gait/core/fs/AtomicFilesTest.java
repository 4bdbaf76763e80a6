package dev.gait.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.GaitException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void replaces_content_atomically_and_leaves_no_temporary_files(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("nested/out.json");
        AtomicFiles.write(target, "one".getBytes());
        AtomicFiles.write(target, "two".getBytes());
        assertThat(Files.readString(target)).isEqualTo("two");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.json");
        }
    }

    @Test
    void without_replace_an_existing_file_is_kept(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("keep.txt"), "original");
        assertThatThrownBy(() -> AtomicFiles.write(target, "new".getBytes(), false))
                .isInstanceOf(GaitException.class)
                .hasMessageContaining("refusing to overwrite");
        assertThat(Files.readString(target)).isEqualTo("original");
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void input_files_are_bounded_and_errors_name_the_problem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("in.json"), "12345");
        assertThat(InputFiles.read(file, 5)).hasSize(5);
        assertThatThrownBy(() -> InputFiles.read(file, 4)).hasMessageContaining("larger than the limit of 4 bytes");
        assertThatThrownBy(() -> InputFiles.read(dir.resolve("nope"), 4)).hasMessageContaining("file not found");
        assertThatThrownBy(() -> InputFiles.read(dir, 4)).hasMessageContaining("directory");
        assertThatThrownBy(() -> InputFiles.readBounded(new ByteArrayInputStream(new byte[10]), 9, "standard input"))
                .hasMessageContaining("standard input is larger");
    }
}
