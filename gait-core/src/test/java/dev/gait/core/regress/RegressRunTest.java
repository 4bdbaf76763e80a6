package dev.gait.core.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.canon.GoTime;
import dev.gait.core.runpack.RunpackFiles;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs: loading fixtures from gait.yaml, sorting, dating and determinism of the result. */
class RegressRunTest {

    private static final Regress.Options DEFAULT = new Regress.Options(false, false);
    private static final OffsetDateTime EARLY = OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 600_000_000, ZoneOffset.ofHours(2));

    @TempDir
    Path dir;

    private void fixture(String name, String runId, OffsetDateTime createdAt) {
        Path pack = RegressPacks.write(dir.resolve(name + ".zip"),
                RegressPacks.createdAt(RegressPacks.demo().withRunId(runId), createdAt));
        RegressPacks.init(dir, pack, name);
    }

    private RegressResult run() {
        return Regress.run(dir, dir.resolve("gait.yaml"), DEFAULT, "0.0.0-test");
    }

    @Test
    void results_are_sorted_by_name_and_dated_by_the_first_fixtures_run_in_utc() {
        fixture("beta", "run_beta", OffsetDateTime.of(2031, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        fixture("alpha", "run_alpha", EARLY);
        RegressResult result = run();
        assertThat(result.graders()).extracting(GraderResult::name).containsExactly(
                "alpha/diff", "alpha/expected_exit_code", "alpha/schema_validation", "alpha/trajectory",
                "beta/diff", "beta/expected_exit_code", "beta/schema_validation", "beta/trajectory");
        assertThat(GoTime.format(result.createdAt())).isEqualTo("2020-01-02T01:04:05.6Z");
        assertThat(result.status()).isEqualTo("pass");
        String json = new String(result.toBytes(), StandardCharsets.UTF_8);
        GaitSchemas.assertValid("regress/regress_result", json);
        assertThat(json).startsWith("{\n  \"schema_id\": \"gait.regress.result\",\n  \"schema_version\": \"1.0.0\",\n"
                + "  \"created_at\": \"2020-01-02T01:04:05.6Z\",\n  \"producer_version\": \"0.0.0-test\",\n"
                + "  \"fixture_set\": \"default\",\n  \"status\": \"pass\",\n  \"graders\": [\n").endsWith("}\n");
    }

    @Test
    void two_runs_of_the_same_fixtures_write_identical_bytes() {
        fixture("alpha", "run_alpha", EARLY);
        RegressPacks.editFixture(dir, "alpha", json -> json.put("expected_replay_exit_code", 2));
        RegressResult first = run();
        RegressResult second = run();
        assertThat(first.status()).isEqualTo("fail");
        assertThat(second.toBytes()).isEqualTo(first.toBytes());
        assertThat(JUnitReport.render(second)).isEqualTo(JUnitReport.render(first));
    }

    @Test
    void a_run_without_a_date_is_dated_1980() {
        fixture("alpha", "run_alpha", GoTime.ZERO);
        assertThat(GoTime.format(run().createdAt())).isEqualTo("1980-01-01T00:00:00Z");
    }

    @Test
    void context_conformance_grades_every_fixture_once_any_fixture_sets_a_context_field() {
        fixture("alpha", "run_alpha", EARLY);
        fixture("beta", "run_beta", EARLY);
        RegressPacks.editFixture(dir, "beta", json -> json.put("context_conformance", "none"));
        assertThat(run().graders()).extracting(GraderResult::name).contains("alpha/context_conformance", "beta/context_conformance");
    }

    @Test
    void no_fixtures_mismatched_identities_and_tampered_packs_stop_the_run() throws Exception {
        Files.writeString(dir.resolve("gait.yaml"), "{\"fixtures\":[]}");
        assertThatThrownBy(this::run).hasMessage("no fixtures configured");

        fixture("alpha", "run_alpha", EARLY);
        Path config = dir.resolve("gait.yaml");
        String regenerated = Files.readString(config);
        Files.writeString(config, regenerated.replace("\"run_id\": \"run_alpha\"", "\"run_id\": \"run_other\""));
        assertThatThrownBy(this::run).hasMessage("fixture run_id mismatch for alpha");

        Files.writeString(config, regenerated);
        RegressPacks.write(dir.resolve("fixtures/alpha/runpack.zip"), RegressPacks.demo().withRunId("run_other"));
        assertThatThrownBy(this::run).hasMessage("runpack run_id mismatch for alpha");

        Map<String, byte[]> entries = RegressPacks.entries(RegressPacks.demo().withRunId("run_alpha"));
        entries.put(RunpackFiles.RUN, "{}".getBytes(StandardCharsets.UTF_8));
        RegressPacks.write(dir.resolve("fixtures/alpha/runpack.zip"), entries);
        assertThatThrownBy(this::run).hasMessageStartingWith("read fixture runpack for alpha: runpack fixtures/alpha/runpack.zip failed");

        Files.delete(dir.resolve("fixtures/alpha/runpack.zip"));
        assertThatThrownBy(this::run).hasMessage("fixture runpack missing for alpha: fixtures/alpha/runpack.zip");
    }
}
