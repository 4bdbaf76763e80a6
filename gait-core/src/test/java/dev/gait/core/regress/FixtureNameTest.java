package dev.gait.core.regress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FixtureNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "run_demo|run_demo",
            "Run Demo!!|run-demo",
            "--Run..42__|run..42",
            "ümlaut İ run|mlaut-i-run",
            "a-!b|a--b",
            "!!!|fixture",
            "''|fixture"})
    void a_run_id_becomes_a_valid_fixture_name(String runId, String name) {
        assertThat(FixtureName.fromRunId(runId)).isEqualTo(name);
        assertThat(FixtureName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"-lead", ".lead", "Upper", "sp ace", "a/b", "''"})
    void names_outside_the_pattern_are_invalid(String name) {
        assertThat(FixtureName.isValid(name)).isFalse();
    }
}
