package dev.gait.core.adoption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.GaitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adoption log and its report: milestones, timing, workflows, and whole lines under concurrent appends. */
class AdoptionReportTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private static AdoptionEvent event(String command, int exit, long seconds, long elapsedMs) {
        return AdoptionEvent.of(command, exit, Duration.ofMillis(elapsedMs), "0.0.0-dev", T0.plusSeconds(seconds), "", true);
    }

    @Test
    void success_earns_the_milestone_of_its_command_and_failure_or_help_earns_none() {
        assertThat(event("demo", 0, 0, 5).milestones()).containsExactly("A1");
        assertThat(event("verify chain", 0, 0, 5).milestones()).containsExactly("A2");
        assertThat(event("regress init", 0, 0, 5).milestones()).containsExactly("A3");
        assertThat(event("regress run", 0, 0, 5).milestones()).containsExactly("A4");
        assertThat(event("demo", 2, 0, 5).milestones()).isEmpty();
        assertThat(event("gate eval", 0, 0, 5).milestones()).isEmpty();
        assertThat(AdoptionEvent.of("demo", 0, Duration.ZERO, "v", T0, "", false).milestones()).isEmpty();
    }

    @Test
    void the_report_counts_commands_milestones_timing_medians_and_workflows() {
        List<AdoptionEvent> events = List.of(
                event("demo", 0, 0, 900), event("demo", 0, 10, 700), event("verify", 1, 20, 50), event("verify", 0, 30, 40),
                event("regress init", 0, 40, 30), event("regress run", 5, 50, 2000), event("regress run", 0, 60, 1000),
                event("gate eval", 3, 70, 80), event("gate eval", 3, 80, 120), event("gate eval", 0, 90, 100));

        AdoptionReport report = AdoptionReport.build(events, " log.jsonl ", "0.0.0-dev");

        assertThat(report.activationComplete()).isTrue();
        assertThat(report.blockers()).isEmpty();
        assertThat(JsonWriter.GO_MAP.write(report.json())).isEqualTo("{"
                + "\"activation_complete\":true,"
                + "\"activation_medians_ms\":{\"m1_demo_elapsed_ms\":800,\"m2_regress_run_elapsed_ms\":1000},"
                + "\"activation_timing_ms\":{\"A1\":0,\"A2\":30000,\"A3\":40000,\"A4\":60000},"
                + "\"commands\":[{\"command\":\"demo\",\"failure\":0,\"success\":2,\"total\":2},"
                + "{\"command\":\"gate eval\",\"failure\":2,\"success\":1,\"total\":3},"
                + "{\"command\":\"regress init\",\"failure\":0,\"success\":1,\"total\":1},"
                + "{\"command\":\"regress run\",\"failure\":1,\"success\":1,\"total\":2},"
                + "{\"command\":\"verify\",\"failure\":1,\"success\":1,\"total\":2}],"
                + "\"created_at\":\"2026-03-01T10:01:30Z\",\"failed_events\":4,"
                + "\"first_event_at\":\"2026-03-01T10:00:00Z\","
                + "\"first_successes\":[{\"command\":\"demo\",\"first_success_at\":\"2026-03-01T10:00:00Z\",\"ms_since_first_event\":0},"
                + "{\"command\":\"gate eval\",\"first_success_at\":\"2026-03-01T10:01:30Z\",\"ms_since_first_event\":90000},"
                + "{\"command\":\"regress init\",\"first_success_at\":\"2026-03-01T10:00:40Z\",\"ms_since_first_event\":40000},"
                + "{\"command\":\"regress run\",\"first_success_at\":\"2026-03-01T10:01:00Z\",\"ms_since_first_event\":60000},"
                + "{\"command\":\"verify\",\"first_success_at\":\"2026-03-01T10:00:30Z\",\"ms_since_first_event\":30000}],"
                + "\"last_event_at\":\"2026-03-01T10:01:30Z\","
                + "\"milestones\":[{\"achieved\":true,\"name\":\"A1\"},{\"achieved\":true,\"name\":\"A2\"},{\"achieved\":true,\"name\":\"A3\"},"
                + "{\"achieved\":true,\"name\":\"A4\"},{\"achieved\":false,\"name\":\"E1\"},{\"achieved\":false,\"name\":\"E2\"},"
                + "{\"achieved\":false,\"name\":\"E3\"}],"
                + "\"producer_version\":\"0.0.0-dev\",\"schema_id\":\"gait.doctor.adoption_report\",\"schema_version\":\"1.0.0\","
                + "\"skill_workflows\":[{\"failure\":1,\"median_runtime_ms\":45,\"most_common_failure_code\":1,\"success\":1,\"success_rate\":0.5,"
                + "\"total\":2,\"workflow\":\"gait-capture-runpack\"},"
                + "{\"failure\":1,\"median_runtime_ms\":1000,\"most_common_failure_code\":5,\"success\":2,\"success_rate\":0.6666666666666666,"
                + "\"total\":3,\"workflow\":\"gait-incident-to-regression\"},"
                + "{\"failure\":2,\"median_runtime_ms\":100,\"most_common_failure_code\":3,\"success\":1,\"success_rate\":0.3333333333333333,"
                + "\"total\":3,\"workflow\":\"gait-policy-test-rollout\"}],"
                + "\"source\":\"log.jsonl\",\"success_events\":6,\"total_events\":10}");
    }

    @Test
    void an_empty_log_reports_every_activation_milestone_as_a_blocker_at_fixed_times() {
        AdoptionReport report = AdoptionReport.build(List.of(), "log", "v");
        assertThat(report.activationComplete()).isFalse();
        assertThat(report.blockers()).hasSize(4).allMatch(blocker -> blocker.startsWith("missing A"));
        assertThat(report.json().string("created_at")).contains("1980-01-01T00:00:00Z");
        assertThat(report.json().string("first_event_at")).contains("0001-01-01T00:00:00Z");
    }

    @Test
    void concurrent_appends_never_interleave_and_read_back_in_full() throws Exception {
        Path log = dir.resolve("nested/adoption.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            writes.add(pool.submit(() -> AdoptionLog.append(log, event("cmd " + n, n % 3, n, n), Clock.systemUTC())));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();

        List<AdoptionEvent> events = AdoptionLog.read(log);
        assertThat(events).hasSize(200);
        assertThat(events).extracting(AdoptionEvent::command).doesNotHaveDuplicates();
        assertThat(Files.getPosixFilePermissions(log)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void logged_events_read_back_equal_and_bad_lines_are_refused_by_number() throws Exception {
        Path log = dir.resolve("adoption.jsonl");
        AdoptionEvent written = AdoptionEvent.of("demo", 0, Duration.ofMillis(12), "1.2.3", T0, " wf ", true);
        AdoptionLog.append(log, written, Clock.systemUTC());
        assertThat(AdoptionLog.read(log)).containsExactly(written);

        Files.writeString(log, "{\"schema_id\":\"gait.scout.adoption_event\",\"created_at\":\"2026-03-01T10:00:00Z\",\"command\":\"demo\","
                + "\"exit_code\":300,\"environment\":{\"os\":\"linux\",\"arch\":\"amd64\"}}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> AdoptionLog.read(log)).isInstanceOf(GaitException.class)
                .hasMessage("adoption log line 2: exit_code must be within 0..255");
        Files.writeString(log, "x".repeat(AdoptionLog.MAX_LINE_CHARS + 1));
        assertThatThrownBy(() -> AdoptionLog.read(log)).hasMessageContaining("adoption log line 1 is longer than");
    }
}
