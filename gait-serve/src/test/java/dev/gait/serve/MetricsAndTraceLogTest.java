package dev.gait.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.gate.GateTraceVerifier;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Prometheus text that parses and counts, and the append-only trace log under concurrent decisions. */
class MetricsAndTraceLogTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (-?[0-9.eE+-]+|\\+Inf|NaN)$");

    @TempDir
    Path dir;

    /** Every line is a comment or a sample; returns each series' value. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("sample line: %s", line).isTrue();
            series.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(sample.group(3)));
        }
        return series;
    }

    @Test
    void metrics_parse_and_count_decisions_reloads_and_rejections() throws Exception {
        try (SidecarFixture fixture = new SidecarFixture(dir)) {
            fixture.post("/v1/gate/evaluate", SidecarFixture.intent("tool.read"));
            var response = fixture.get("/metrics");
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
            Map<String, Double> before = parse(response.body());
            assertThat(before).containsEntry("gait_serve_decisions_total{api=\"native\",verdict=\"allow\"}", 1.0);
            assertThat(before.get("gait_serve_decision_duration_seconds_count")).isEqualTo(1.0);
            assertThat(before).containsEntry("gait_serve_state_info{policy_digest=\"" + fixture.sidecar.policyDigest()
                    + "\",key_id=\"" + fixture.keyPair.keyId() + "\"}", 1.0);

            fixture.post("/v1/gate/evaluate", SidecarFixture.intent("tool.read"));
            fixture.post("/access/v1/evaluation", SidecarFixture.evaluation("tool.delete"));
            fixture.post("/v1/gate/evaluate", "{");
            String defaults = SidecarFixture.evaluation("tool.read");
            fixture.post("/access/v1/evaluations", defaults.substring(0, defaults.length() - 1) + ",\"evaluations\":[{\"action\":{}}]}");
            Files.writeString(fixture.policy, "rules: [");
            fixture.post("/v1/gate/evaluate", SidecarFixture.intent("tool.read"));
            Map<String, Double> after = parse(fixture.get("/metrics").body());
            assertThat(after).containsEntry("gait_serve_decisions_total{api=\"native\",verdict=\"allow\"}", 3.0)
                    .containsEntry("gait_serve_decisions_total{api=\"authzen\",verdict=\"block\"}", 1.0)
                    .containsEntry("gait_serve_decisions_total{api=\"authzen\",verdict=\"error\"}", 1.0)
                    .containsEntry("gait_serve_rejected_requests_total{status=\"400\"}", 1.0)
                    .containsEntry("gait_serve_reloads_total{file=\"policy\",result=\"error\"}", 1.0)
                    .containsEntry("gait_serve_decision_duration_seconds_count", 4.0)
                    .containsEntry("gait_serve_decision_duration_seconds_bucket{le=\"+Inf\"}", 4.0);
        }
    }

    /** Synced before each answer (0), or written before each answer and synced within 20 ms. */
    @ParameterizedTest
    @ValueSource(ints = {0, 20})
    void the_trace_log_holds_one_signed_schema_valid_record_per_concurrent_decision(int syncMillis) throws Exception {
        Path log = dir.resolve("traces.jsonl");
        try (SidecarFixture fixture = new SidecarFixture(dir,
                o -> SidecarFixture.withFiles(o, null, log, Duration.ofMillis(syncMillis), Duration.ofMillis(100)));
             ExecutorService clients = Executors.newFixedThreadPool(8)) {
            List<Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String tool = i % 2 == 0 ? "tool.read" : "tool.delete";
                answers.add(clients.submit(() -> fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent(tool))
                        .string("trace_path").orElseThrow()));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo(log.toString());
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(40);
            for (String line : lines) {
                GaitSchemas.assertValid("gate/trace_record", line);
                GateTraceVerifier.Report report = GateTraceVerifier.verify(line.getBytes(StandardCharsets.UTF_8), log.toString(),
                        List.of(fixture.keyPair.publicKey()), true);
                assertThat(report.ok()).as(report.failure()).isTrue();
            }
            assertThat(lines.stream().filter(l -> l.contains("\"verdict\":\"block\""))).hasSize(20);
            assertThat(dir.resolve("traces")).doesNotExist();
        }
    }
}
