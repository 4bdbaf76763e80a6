package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code guard retain} by file age against the clock, and its signed deletion report. */
class GuardRetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void file(String path, Duration age) throws Exception {
        Path file = dir.resolve("artifacts").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, path);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
    }

    @BeforeEach
    void artifacts() throws Exception {
        file("trace_old.json", Duration.ofHours(200));
        file("trace_new.json", Duration.ofHours(1));
        file("deep/evidence_pack_pack_aaaaaaaaaaaaaaaa.zip", Duration.ofHours(800));
        file("incident_pack_recent.gaitenc", Duration.ofHours(10));
        file("TRACE_upper.JSON", Duration.ofHours(300));
        file("pack_0123.zip", Duration.ofHours(5000));
        file("runpack_run_demo.zip", Duration.ofHours(5000));
        file("sessions/session.jsonl", Duration.ofHours(5000));
        assertThat(cli().run("keys", "init", "--out-dir", "k").exitCode()).isZero();
    }

    @Test
    void a_dry_run_deletes_nothing_and_the_same_clock_gives_the_same_report_bytes() throws Exception {
        CliRunner.Result first = cli().run("guard", "retain", "--root", "artifacts", "--dry-run", "--report-out", "r1.json", "--json");
        assertThat(first.exitCode()).as(first.stdout()).isZero();
        assertThat(cli().run("guard", "retain", "--root", "artifacts", "--dry-run", "--report-out", "r2.json").exitCode()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("r1.json"))).isEqualTo(Files.readAllBytes(dir.resolve("r2.json")));
        assertThat(dir.resolve("artifacts/trace_old.json")).exists();
        assertThat(paths(first.json().array("deleted_files").orElseThrow()))
                .containsExactly("artifacts/TRACE_upper.JSON", "artifacts/deep/evidence_pack_pack_aaaaaaaaaaaaaaaa.zip", "artifacts/trace_old.json");
    }

    @Test
    void expired_traces_and_packs_are_deleted_and_nothing_else_is_touched() throws Exception {
        CliRunner.Result result = cli().run("guard", "retain", "--root", "./artifacts/", "--report-out", "report.json", "--json");
        assertThat(result.exitCode()).as(result.stdout()).isZero();
        assertThat(dir.resolve("artifacts/trace_old.json")).doesNotExist();
        assertThat(dir.resolve("artifacts/TRACE_upper.JSON")).as("classified case-insensitively, as in v1").doesNotExist();
        assertThat(dir.resolve("artifacts/deep/evidence_pack_pack_aaaaaaaaaaaaaaaa.zip")).doesNotExist();
        for (String kept : List.of("trace_new.json", "incident_pack_recent.gaitenc", "pack_0123.zip", "runpack_run_demo.zip",
                "sessions/session.jsonl")) {
            assertThat(dir.resolve("artifacts").resolve(kept)).exists();
        }

        byte[] bytes = Files.readAllBytes(dir.resolve("report.json"));
        JsonObject report = JsonReader.strict().readObject(bytes);
        assertThat(Jcs.canonicalize(report)).isEqualTo(bytes);
        GaitSchemas.assertValid("guard/retention_report", new String(Jcs.canonicalize(report.without("signatures")), StandardCharsets.UTF_8));
        assertThat(report.string("root_path")).contains("artifacts");
        assertThat(report.string("created_at")).contains("2026-11-24T10:00:00Z");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain(dir.toString());
        assertThat(paths(report.array("kept_files").orElseThrow()))
                .containsExactly("artifacts/incident_pack_recent.gaitenc", "artifacts/trace_new.json");
        JsonObject oldTrace = (JsonObject) report.array("deleted_files").orElseThrow().get(2);
        assertThat(Jcs.canonicalString(oldTrace)).isEqualTo("{\"action\":\"deleted\",\"age_seconds\":720000,\"kind\":\"trace\","
                + "\"modified_at\":\"2026-11-16T02:00:00Z\",\"path\":\"artifacts/trace_old.json\"}");

        CliRunner.Result verified = cli().run("guard", "verify-report", "report.json", "--json");
        assertThat(verified.exitCode()).as(verified.stdout()).isZero();
        assertThat(verified.json().string("signature_status")).contains("verified");
        assertThat(cli().run("guard", "verify-report", "report.json", "--profile", "strict", "--public-key", "k/gait_public.key").exitCode())
                .as("signed by the local key, not this one").isEqualTo(2);
    }

    @Test
    void an_altered_or_unsigned_report_fails_verification() throws Exception {
        assertThat(cli().run("guard", "retain", "--root", "artifacts", "--report-out", "report.json", "--private-key", "k/gait_private.key")
                .exitCode()).isZero();
        JsonObject report = JsonReader.strict().readObject(Files.readAllBytes(dir.resolve("report.json")));
        assertThat(verifyReport(report, "--public-key", "k/gait_public.key")).isZero();

        JsonArray kept = report.array("kept_files").orElseThrow();
        assertThat(verifyReport(report.toBuilder().put("kept_files", new JsonArray(List.of(kept.get(0)))).build(),
                "--public-key", "k/gait_public.key")).as("a dropped entry").isEqualTo(2);
        assertThat(verifyReport(report.toBuilder().put("dry_run", true).build(), "--public-key", "k/gait_public.key")).isEqualTo(2);
        JsonObject unsigned = report.without("signatures");
        assertThat(verifyReport(unsigned, "--public-key", "k/gait_public.key")).isEqualTo(2);
        assertThat(verifyReport(unsigned, "--allow-unsigned")).isZero();
        assertThat(verifyReport(unsigned.toBuilder().put("kept_files", new JsonArray(List.of(kept.get(1), kept.get(0)))).build(),
                "--allow-unsigned")).as("unsorted, and scanned_files still counts").isEqualTo(2);
        Files.writeString(dir.resolve("other.json"), "{\"schema_id\":\"gait.gate.trace\"}");
        assertThat(cli().run("guard", "verify-report", "other.json").exitCode()).isEqualTo(6);
    }

    private int verifyReport(JsonObject report, String... flags) throws Exception {
        Files.write(dir.resolve("altered.json"), Jcs.canonicalize(report));
        String[] args = new String[flags.length + 3];
        args[0] = "guard";
        args[1] = "verify-report";
        args[2] = "altered.json";
        System.arraycopy(flags, 0, args, 3, flags.length);
        return cli().run(args).exitCode();
    }

    @Test
    void a_key_or_root_problem_deletes_nothing() throws Exception {
        CliRunner.Result badKey = cli().run("guard", "retain", "--root", "artifacts", "--report-out", "r.json", "--private-key", "absent.key");
        assertThat(badKey.exitCode()).isEqualTo(6);
        assertThat(dir.resolve("artifacts/trace_old.json")).exists();
        assertThat(cli().run("guard", "retain", "--root", "nowhere").exitCode()).isEqualTo(6);
        assertThat(cli().run("guard", "retain", "--root", "artifacts", "--trace-ttl", "a week").exitCode()).isEqualTo(6);
        assertThat(dir.resolve("artifacts/trace_old.json")).exists();
        CliRunner.Result keepAll = cli().run("guard", "retain", "--root", "artifacts", "--trace-ttl", "0", "--pack-ttl", "0", "--json");
        assertThat(keepAll.json().array("deleted_files").orElseThrow().isEmpty()).isTrue();
    }

    private static List<String> paths(JsonArray events) {
        return events.elements().stream().map(event -> ((JsonObject) event).string("path").orElseThrow()).toList();
    }
}
