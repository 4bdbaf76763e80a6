package dev.gait.core.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gait.yaml} is JSON with an optional schema header, read as Gait v1 reads it. */
class RegressConfigTest {

    @TempDir
    Path dir;

    private RegressConfig read(String text) throws Exception {
        Path file = dir.resolve("gait.yaml");
        Files.writeString(file, text);
        return RegressConfig.read(file);
    }

    @Test
    void empty_schema_members_are_accepted_and_fixtures_are_sorted_with_the_default_set() throws Exception {
        RegressConfig config = read("{\"fixtures\":[{\"name\":\"b\",\"runpack\":\"fixtures/b/runpack.zip\"},"
                + "{\"name\":\"a\",\"run_id\":\"r\",\"runpack\":\"fixtures/a/runpack.zip\",\"extra\":1}]}");
        assertThat(config.fixtureSet()).isEqualTo("default");
        assertThat(config.fixtures()).containsExactly(
                new RegressConfig.Entry("a", "r", "fixtures/a/runpack.zip"),
                new RegressConfig.Entry("b", "", "fixtures/b/runpack.zip"));
    }

    @Test
    void yaml_syntax_foreign_schemas_and_incomplete_entries_are_invalid_input() {
        assertThatThrownBy(() -> read("fixture_set: default\nfixtures: []\n")).hasMessageStartingWith("parse config: invalid JSON");
        assertThatThrownBy(() -> read("{\"schema_id\":\"gait.other\"}")).hasMessage("unsupported config schema_id: gait.other");
        assertThatThrownBy(() -> read("{\"schema_version\":\"2.0.0\"}")).hasMessage("unsupported config schema_version: 2.0.0");
        assertThatThrownBy(() -> read("{\"fixtures\":[{\"name\":\" \",\"runpack\":\"x\"}]}")).hasMessage("fixture name is required");
        assertThatThrownBy(() -> read("{\"fixtures\":[{\"name\":\"a\"}]}")).hasMessage("fixture runpack is required for a");
        assertThatThrownBy(() -> read("{\"fixtures\":{}}")).hasMessageEndingWith("fixtures must be an array of objects");
        assertThatThrownBy(() -> RegressConfig.read(dir.resolve("absent.yaml")))
                .isInstanceOfSatisfying(GaitException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_INPUT))
                .hasMessageStartingWith("read config: file not found");
    }
}
