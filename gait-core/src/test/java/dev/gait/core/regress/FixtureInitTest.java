package dev.gait.core.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.runpack.RunpackFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Making fixtures: the copied pack, the derived fixture.json, and gait.yaml regenerated from the fixtures. */
class FixtureInitTest {

    @TempDir
    Path dir;

    private Path pack(String file, String runId) {
        return RegressPacks.write(dir.resolve(file), RegressPacks.demo().withRunId(runId));
    }

    @Test
    void a_fixture_is_a_private_byte_copy_with_the_expectations_of_its_run() throws Exception {
        Path source = pack("incident.zip", "run_demo");
        FixtureInit.Created created = RegressPacks.init(dir, source, "");
        assertThat(created).isEqualTo(new FixtureInit.Created("run_demo", "run_demo", "fixtures/run_demo",
                "fixtures/run_demo/runpack.zip", "gait.yaml"));
        Path copy = dir.resolve("fixtures/run_demo/runpack.zip");
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(source));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.getParent()))).isEqualTo("rwxr-x---");
        assertThat(Files.readString(RegressPacks.fixtureFile(dir, "run_demo"))).isEqualTo("""
                {
                  "schema_id": "gait.regress.fixture",
                  "schema_version": "1.0.0",
                  "name": "run_demo",
                  "run_id": "run_demo",
                  "runpack": "runpack.zip",
                  "expected_replay_exit_code": 0,
                  "expected_tool_sequence": [
                    "tool.search",
                    "tool.fetch",
                    "tool.summarize"
                  ],
                  "expected_verdict_sequence": [
                    "allow",
                    "allow",
                    "allow"
                  ]
                }
                """);
    }

    @Test
    void gait_yaml_is_regenerated_from_every_fixture_sorted_by_name_and_hand_edits_are_lost() throws Exception {
        RegressPacks.init(dir, pack("z.zip", "Run Zeta!"), "");
        RegressPacks.init(dir, pack("a.zip", "run_alpha"), "alpha");
        Files.writeString(dir.resolve(RegressConfig.FILE_NAME), "{\"fixture_set\":\"mine\",\"fixtures\":[]}");
        Files.createDirectories(dir.resolve("fixtures/Not-A-Fixture"));
        Files.createDirectories(dir.resolve("fixtures/other-family"));
        RegressPacks.init(dir, pack("m.zip", "run_mid"), "mid");

        assertThat(Files.readString(dir.resolve(RegressConfig.FILE_NAME))).isEqualTo("""
                {
                  "schema_id": "gait.regress.config",
                  "schema_version": "1.0.0",
                  "fixture_set": "default",
                  "fixtures": [
                    {
                      "name": "alpha",
                      "run_id": "run_alpha",
                      "runpack": "fixtures/alpha/runpack.zip"
                    },
                    {
                      "name": "mid",
                      "run_id": "run_mid",
                      "runpack": "fixtures/mid/runpack.zip"
                    },
                    {
                      "name": "run-zeta",
                      "run_id": "Run Zeta!",
                      "runpack": "fixtures/run-zeta/runpack.zip"
                    }
                  ]
                }
                """);
    }

    @Test
    void a_fixture_directory_with_a_runpack_but_no_metadata_stops_regeneration() throws Exception {
        Files.createDirectories(dir.resolve("fixtures/orphan"));
        Files.write(dir.resolve("fixtures/orphan/runpack.zip"), new byte[] {1});
        assertThatThrownBy(() -> RegressPacks.init(dir, pack("incident.zip", "run_demo"), ""))
                .hasMessage("fixture metadata missing for orphan");
    }

    @Test
    void a_name_that_is_no_fixture_name_or_a_pack_that_fails_its_integrity_check_is_refused() throws Exception {
        Path source = pack("incident.zip", "run_demo");
        assertThatThrownBy(() -> RegressPacks.init(dir, source, "Upper")).hasMessage("invalid fixture name: Upper");
        assertThatThrownBy(() -> RegressPacks.init(dir, source, "../escape")).hasMessage("invalid fixture name: ../escape");

        Map<String, byte[]> entries = RegressPacks.entries(RegressPacks.demo());
        entries.put(RunpackFiles.INTENTS, "{}\n".getBytes(StandardCharsets.UTF_8));
        Path tampered = RegressPacks.write(dir.resolve("tampered.zip"), entries);
        assertThatThrownBy(() -> RegressPacks.init(dir, tampered, ""))
                .hasMessageStartingWith("source runpack failed integrity checks: hash mismatch: intents.jsonl");
        assertThat(dir.resolve("fixtures")).doesNotExist();
    }
}
