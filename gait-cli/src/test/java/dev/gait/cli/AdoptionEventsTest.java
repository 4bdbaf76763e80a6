package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.testkit.GaitSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opt-in adoption events: one line per real invocation with {@code GAIT_ADOPTION_LOG} set, nothing without it. */
class AdoptionEventsTest {

    @TempDir
    Path dir;

    private CliRunner cli(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.resolve("home").toString()));
        env.putAll(extra);
        return new CliRunner(dir, env, Clock.systemUTC());
    }

    @Test
    void a_sequence_of_commands_logs_one_event_each_and_doctor_adoption_summarises_the_milestones() throws Exception {
        CliRunner cli = cli(Map.of("GAIT_ADOPTION_LOG", "gait-out/adoption.jsonl"));
        assertThat(cli.run("demo").exitCode()).isZero();
        assertThat(cli.run("demo", "--help").exitCode()).isZero();
        assertThat(cli.run("verify", "run_demo").exitCode()).isZero();
        assertThat(cli.run("init").exitCode()).isZero();
        Files.writeString(dir.resolve("intent.json"), """
                {"schema_id":"gait.gate.intent_request","schema_version":"1.0.0","created_at":"2026-01-01T00:00:00Z",
                 "producer_version":"test","tool_name":"tool.read","args":{"path":"/tmp/x"},
                 "targets":[{"kind":"path","value":"/tmp/x","operation":"read"}],
                 "context":{"identity":"alice","workspace":"/repo","risk_class":"low"}}
                """);
        assertThat(cli.run("gate", "eval", "--intent", "intent.json").exitCode()).isZero();
        assertThat(cli.run("frobnicate", "/secret/path").exitCode()).isEqualTo(6);

        List<String> lines = Files.readAllLines(dir.resolve("gait-out/adoption.jsonl"));
        assertThat(lines).hasSize(6);
        lines.forEach(line -> GaitSchemas.assertValid("scout/adoption_event", line));
        List<JsonObject> events = lines.stream().map(line -> JsonReader.strict().readObject(line.getBytes(StandardCharsets.UTF_8))).toList();
        assertThat(events).extracting(e -> e.string("command").orElseThrow())
                .containsExactly("demo", "demo", "verify", "init", "gate eval", "unknown");
        assertThat(events).extracting(e -> e.get("success").orElseThrow())
                .containsExactly(JsonBoolean.TRUE, JsonBoolean.TRUE, JsonBoolean.TRUE, JsonBoolean.TRUE, JsonBoolean.TRUE, JsonBoolean.FALSE);
        assertThat(milestones(events.get(0))).containsExactly("A1");
        assertThat(milestones(events.get(1))).as("help earns nothing").isEmpty();
        assertThat(milestones(events.get(2))).containsExactly("A2");
        assertThat(String.join("\n", lines)).as("no arguments are logged").doesNotContain("secret").doesNotContain("run_demo");

        CliRunner.Result summary = cli.run("doctor", "adoption", "--json");
        assertThat(summary.exitCode()).isZero();
        JsonObject report = summary.json().object("report").orElseThrow();
        assertThat(report.string("schema_id")).contains("gait.doctor.adoption_report");
        assertThat(report.get("total_events")).contains(new JsonNumber(6));
        assertThat(report.get("activation_complete")).contains(JsonBoolean.FALSE);
        assertThat(report.array("milestones").orElseThrow().elements()).map(JsonObject.class::cast)
                .filteredOn(m -> m.get("achieved").orElseThrow() == JsonBoolean.TRUE)
                .extracting(m -> m.string("name").orElseThrow()).containsExactly("A1", "A2");
        assertThat(strings(report.array("blockers").orElseThrow()))
                .containsExactly("missing A3: run `gait regress init --from <run_id>`", "missing A4: run `gait regress run`");
        assertThat(report.array("first_successes").orElseThrow().elements()).map(JsonObject.class::cast)
                .extracting(f -> f.string("command").orElseThrow()).containsExactly("demo", "gate eval", "init", "verify");
        assertThat(cli.run("doctor", "adoption").stdout())
                .startsWith("doctor adoption: source=gait-out/adoption.jsonl total_events=7 activation_complete=false\n")
                .contains("blockers: missing A3");
    }

    @Test
    void nothing_is_written_when_the_variable_is_unset() throws Exception {
        assertThat(cli(Map.of()).run("demo").exitCode()).isZero();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.contains("adoption"));
        }
        CliRunner.Result noLog = cli(Map.of()).run("doctor", "adoption", "--json");
        assertThat(noLog.exitCode()).isEqualTo(6);
        assertThat(noLog.json().string("error").orElseThrow()).contains("missing required --from <path> (or set GAIT_ADOPTION_LOG)");
    }

    @Test
    void a_log_that_cannot_be_written_costs_a_warning_never_the_command() throws Exception {
        Files.createDirectories(dir.resolve("a-directory"));
        CliRunner.Result result = cli(Map.of("GAIT_ADOPTION_LOG", "a-directory")).run("version", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.json().string("version")).contains("0.0.0-dev");
        assertThat(result.stderr()).startsWith("gait: warning: adoption log not written: ");
    }

    @Test
    void a_malformed_log_line_is_invalid_input_naming_the_line() throws Exception {
        Files.writeString(dir.resolve("log.jsonl"), "\n{\"schema_id\":\"gait.scout.adoption_event\",\"command\":\"demo\"}\n");
        CliRunner.Result result = cli(Map.of()).run("doctor", "adoption", "--from", "log.jsonl", "--json");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.json().string("error").orElseThrow()).startsWith("adoption log line 2: created_at is required");
    }

    private static List<String> milestones(JsonObject event) {
        return event.array("milestones").map(AdoptionEventsTest::strings).orElse(List.of());
    }

    private static List<String> strings(JsonArray array) {
        return array.elements().stream().map(value -> ((JsonString) value).value()).toList();
    }
}
