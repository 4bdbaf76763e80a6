package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.runpack.Receipt;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunRecord;
import dev.gait.core.runpack.RunpackFiles;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.zip.DeterministicZip;
import dev.gait.core.zip.SafeZip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gait run reduce}: delta debugging over a run's steps, through the command line. */
class RunReduceTest {

    private static final OffsetDateTime TS = OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir, Map.of("HOME", dir.resolve("home").toString()), Clock.systemUTC());
    }

    @Test
    void a_thousand_step_run_whose_failure_needs_two_steps_reduces_to_exactly_those_two_byte_identically() throws Exception {
        List<RecordInput.Intent> intents = new ArrayList<>();
        List<RecordInput.Result> results = new ArrayList<>();
        for (int n = 1; n <= 1000; n++) {
            String id = "intent_%04d".formatted(n);
            intents.add(intent(id, "tool.step", JsonObject.builder().put("n", n).build()));
            results.add(result(id, "ok", JsonObject.builder().put("echo", n).build()));
        }
        write("run_big", "raw", intents, results, List.of(), List.of());
        // the candidate runpack must be the last argument; the failure needs both steps
        script("pred.sh", """
                [ -f "$2" ] && [ "$1" = marker ] || exit 1
                printf %s "$2" > candidate.path
                d=$(cat); case "$d" in *intent_0417*) case "$d" in *intent_0883*) exit 0;; esac;; esac; exit 1
                """);

        CliRunner.Result first = cli.run("run", "reduce", "--from", "packs/runpack_run_big.zip", "--predicate", "command",
                "--predicate-command", "./pred.sh", "--predicate-args", "marker", "--json");
        assertThat(first.exitCode()).as(first.stdout()).isZero();
        JsonObject json = first.json();
        assertThat(keptIds(json)).containsExactly("intent_0417", "intent_0883");
        assertThat(json.string("reduced_run_id")).contains("run_big_reduced_command");
        assertThat(json.string("output")).contains("./packs/runpack_run_big_reduced_command.zip");
        assertThat(json.string("report")).contains("./packs/runpack_run_big_reduced_command.zip.reduce_report.json");

        Path reduced = dir.resolve("packs/runpack_run_big_reduced_command.zip");
        RunpackReader.Records records = read(reduced);
        assertThat(records.intents()).extracting(i -> i.string("intent_id").orElseThrow()).containsExactly("intent_0417", "intent_0883");
        assertThat(records.results()).hasSize(2);
        assertThat(records.manifest().string("capture_mode")).contains("raw");
        Path candidate = Path.of(Files.readString(dir.resolve("candidate.path")));
        assertThat(candidate).as("candidate runpacks are removed").doesNotExist();
        assertThat(candidate.getParent()).doesNotExist();

        byte[] report = Files.readAllBytes(dir.resolve("packs/runpack_run_big_reduced_command.zip.reduce_report.json"));
        JsonObject reportJson = JsonReader.strict().readObject(report);
        assertThat(report).as("canonical JSON").isEqualTo(Jcs.canonicalize(reportJson));
        assertThat(reportJson.get("predicate_evaluations")).isEqualTo(json.get("predicate_evaluations"));
        assertThat(Jcs.canonicalString(reportJson)).contains("\"original_intent_count\":1000,", "\"reduced_intent_count\":2,",
                "\"selected_intent_id\":\"intent_0417\"");

        CliRunner.Result second = cli.run("run", "reduce", "--from", "packs/runpack_run_big.zip", "--predicate", "command",
                "--predicate-command", "./pred.sh", "--predicate-args", "marker", "--out", "again/reduced.zip",
                "--report-out", "again/report.json", "--json");
        assertThat(second.exitCode()).as(second.stdout()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("again/reduced.zip"))).isEqualTo(Files.readAllBytes(reduced));
        assertThat(Files.readAllBytes(dir.resolve("again/report.json"))).isEqualTo(report);
    }

    @Test
    void missing_result_keeps_the_unanswered_step_with_the_receipts_and_timeline_it_refers_to() throws Exception {
        List<RecordInput.Intent> intents = new ArrayList<>();
        List<RecordInput.Result> results = new ArrayList<>();
        for (String id : List.of("i1", "i2", "i3", "i4", "i5")) {
            JsonObject args = id.equals("i3") ? JsonObject.builder().put("input_ref", "doc_a").build()
                    : JsonObject.builder().put("path", "/tmp/" + id).build();
            intents.add(intent(id, "tool.read", args));
            if (!id.equals("i3")) {
                results.add(result(id, "ok", JsonObject.builder().put("source", id.equals("i2") ? "ref_b" : "none").build()));
            }
        }
        List<Receipt> receipts = List.of(receipt("doc_a"), receipt("ref_b"));
        List<RunRecord.TimelineEvent> timeline = List.of(new RunRecord.TimelineEvent("start", TS, "", null),
                new RunRecord.TimelineEvent("call", TS.plusSeconds(1), "i2", null),
                new RunRecord.TimelineEvent("call", TS.plusSeconds(2), "i3", null),
                new RunRecord.TimelineEvent("finish", TS.plusSeconds(3), "", null));
        write("small", "raw", intents, results, receipts, timeline);

        CliRunner.Result reducedRun = cli.run("run", "reduce", "--from", "packs/runpack_small.zip");
        assertThat(reducedRun.exitCode()).as(reducedRun.stdout()).isZero();
        assertThat(reducedRun.stdout()).contains("reduced_run_id=run_small_reduced_missingresult\n", "kept_intent_ids=i3\n",
                "output=./packs/runpack_run_small_reduced_missingresult.zip\n");

        Path reduced = dir.resolve("packs/runpack_run_small_reduced_missingresult.zip");
        RunpackReader.Records records = read(reduced);
        assertThat(records.intents()).extracting(i -> i.string("intent_id").orElseThrow()).containsExactly("i3");
        assertThat(records.results()).isEmpty();
        assertThat(Jcs.canonicalString(records.refs())).contains("doc_a").doesNotContain("ref_b");
        assertThat(Jcs.canonicalString(records.run())).contains("\"start\"", "\"finish\"", "\"i3\"").doesNotContain("\"i2\"");
        assertThat(records.manifest().has("signatures")).as("reduced packs are unsigned").isFalse();
        assertThat(cli.run("verify", reduced.toString(), "--allow-unsigned").exitCode()).isZero();

        assertThat(Files.readString(dir.resolve("packs/runpack_run_small_reduced_missingresult.zip.reduce_report.json")))
                .isEqualTo("{\"algorithm\":\"ddmin\",\"kept_intent_ids\":[\"i3\"],"
                        + "\"original_intent_count\":5,\"original_ref_count\":2,\"original_result_count\":4,"
                        + "\"predicate\":\"missing_result\",\"predicate_evaluations\":4,"
                        + "\"reduced_intent_count\":1,\"reduced_ref_count\":1,\"reduced_result_count\":0,"
                        + "\"reduced_run_id\":\"run_small_reduced_missingresult\",\"run_id\":\"small\","
                        + "\"schema_id\":\"gait.runpack.reduce_report\",\"schema_version\":\"1.0.0\",\"selected_intent_id\":\"i3\","
                        + "\"still_failing\":true,\"subsets_tried\":4}");
    }

    @Test
    void non_ok_status_keeps_the_failed_step_and_reads_statuses_without_case() throws Exception {
        List<String> statuses = List.of("ok", "Success", "OK", "timeout", " ok ");
        List<RecordInput.Intent> intents = new ArrayList<>();
        List<RecordInput.Result> results = new ArrayList<>();
        for (int i = 0; i < statuses.size(); i++) {
            intents.add(intent("i" + i, "tool.fetch", JsonObject.builder().put("n", i).build()));
            results.add(result("i" + i, statuses.get(i), JsonObject.EMPTY));
        }
        write("run_status", "reference", intents, results, List.of(), List.of());

        CliRunner.Result result = cli.run("run", "reduce", "--from", "packs/runpack_run_status.zip", "--predicate", "non_ok_status",
                "--out", "status.zip", "--json");
        assertThat(result.exitCode()).as(result.stdout()).isZero();
        assertThat(keptIds(result.json())).containsExactly("i3");
        assertThat(result.json().string("reduced_run_id")).contains("run_status_reduced_nonokstatus");
        assertThat(result.json().string("report")).contains("./status.zip.reduce_report.json");
        assertThat(read(dir.resolve("status.zip")).manifest().string("capture_mode")).contains("reference");
    }

    @Test
    void grader_failure_keeps_the_step_that_breaks_a_regress_fixtures_expectation() throws Exception {
        assertThat(cli.run("demo").exitCode()).isZero();
        assertThat(cli.run("regress", "init", "--from", "run_demo").exitCode()).isZero();
        List<RecordInput.Intent> intents = new ArrayList<>();
        List<RecordInput.Result> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            intents.add(intent("i" + i, "tool.summarize", JsonObject.builder().put("n", i).build()));
            if (i != 13) {
                results.add(result("i" + i, "ok", JsonObject.EMPTY));
            }
        }
        write("run_incident", "reference", intents, results, List.of(), List.of());

        // the demo fixture expects a replay without missing results; only the unanswered step breaks that
        CliRunner.Result result = cli.run("run", "reduce", "--from", "packs/runpack_run_incident.zip", "--predicate", "grader_failure",
                "--fixture", "run_demo", "--grader", "expected_exit_code", "--out", "graded.zip", "--json");
        assertThat(result.exitCode()).as(result.stdout()).isZero();
        assertThat(keptIds(result.json())).containsExactly("i13");
        assertThat(result.json().string("reduced_run_id")).contains("run_incident_reduced_graderfailure");

        // without --grader the whole failure is kept: the replay exit code and the trajectory fail together on the whole
        // run, and only candidates that keep the unanswered step fail both the same way
        CliRunner.Result whole = cli.run("run", "reduce", "--from", "packs/runpack_run_incident.zip", "--predicate", "grader_failure",
                "--fixture", "run_demo", "--out", "whole.zip", "--json");
        assertThat(whole.exitCode()).as(whole.stdout()).isZero();
        assertThat(keptIds(whole.json())).containsExactly("i13");

        assertThat(cli.run("run", "reduce", "--from", "packs/runpack_run_incident.zip", "--predicate", "grader_failure",
                "--fixture", "no_such_fixture").exitCode()).isEqualTo(6);
        assertThat(cli.run("run", "reduce", "--from", "packs/runpack_run_incident.zip", "--grader", "trajectory").exitCode())
                .as("--grader belongs to grader_failure").isEqualTo(6);
    }

    @Test
    void verdict_changed_keeps_the_step_the_policy_now_decides_differently() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), """
                default_verdict: allow
                rules:
                  - name: block-delete
                    effect: block
                    match:
                      tool_names: [tool.delete]
                  - name: approve-deploy
                    effect: require_approval
                    match:
                      tool_names: [tool.deploy]
                """);
        JsonObject args = JsonObject.builder().put("path", "/tmp/x").build();
        List<RecordInput.Intent> intents = new ArrayList<>(List.of(intent("i1", "tool.read", args), intent("i2", "tool.delete", args),
                intent("i3", "tool.write", args), intent("i4", "tool.deploy", args)));
        List<RecordInput.Result> results = new ArrayList<>(List.of(result("i1", "pass", JsonObject.EMPTY),
                result("i2", "Denied", JsonObject.EMPTY),
                // the recorded verdict member wins over the status
                result("i3", "error", JsonObject.builder().put("verdict", "allow").build()),
                result("i4", "needs_approval", JsonObject.EMPTY)));
        write("run_same", "raw", intents, results, List.of(), List.of());
        CliRunner.Result unchanged = cli.run("run", "reduce", "--from", "packs/runpack_run_same.zip", "--predicate", "verdict_changed",
                "--policy", "policy.yaml", "--json");
        assertThat(unchanged.exitCode()).as(unchanged.stdout()).isEqualTo(6);
        assertThat(unchanged.json().string("error").orElseThrow()).contains("predicate verdict_changed does not hold on the input run run_same");

        intents.add(2, intent("i9", "tool.delete", args));
        results.add(2, result("i9", "ok", JsonObject.EMPTY));
        write("run_changed", "raw", intents, results, List.of(), List.of());
        CliRunner.Result changed = cli.run("run", "reduce", "--from", "packs/runpack_run_changed.zip", "--predicate", "verdict_changed",
                "--policy", "policy.yaml", "--json");
        assertThat(changed.exitCode()).as(changed.stdout()).isZero();
        assertThat(keptIds(changed.json())).containsExactly("i9");

        write("run_digests", "reference", intents, results, List.of(), List.of());
        CliRunner.Result reference = cli.run("run", "reduce", "--from", "packs/runpack_run_digests.zip", "--predicate", "verdict_changed",
                "--policy", "policy.yaml", "--json");
        assertThat(reference.exitCode()).isEqualTo(6);
        assertThat(reference.json().string("error").orElseThrow()).contains("needs a raw-capture runpack");
    }

    @Test
    void a_predicate_that_does_not_hold_on_the_input_or_misplaced_flags_are_exit_6() throws Exception {
        write("run_done", "raw", List.of(intent("i1", "tool.read", JsonObject.EMPTY)), List.of(result("i1", "ok", JsonObject.EMPTY)),
                List.of(), List.of());
        CliRunner.Result result = cli.run("run", "reduce", "--from", "packs/runpack_run_done.zip", "--json");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.json().string("error").orElseThrow()).contains("predicate missing_result does not hold on the input run run_done");
        assertThat(dir.resolve("packs/runpack_run_done_reduced_missingresult.zip")).doesNotExist();

        assertThat(cli.run("run", "reduce", "--from", "packs/runpack_run_done.zip", "--predicate", "command", "--json")
                .json().string("error").orElseThrow()).contains("--predicate command needs --predicate-command");
        assertThat(cli.run("run", "reduce", "--from", "packs/runpack_run_done.zip", "--policy", "p.yaml", "--json")
                .json().string("error").orElseThrow()).contains("--policy applies only to --predicate verdict_changed");
        assertThat(cli.run("run", "reduce", "--from", "packs/runpack_run_done.zip", "--predicate", "command",
                "--predicate-command", "python3 x.py", "--json").json().string("error").orElseThrow()).contains("without white space");
        assertThat(cli.run("run", "reduce", "--json").exitCode()).isEqualTo(6);
    }

    @Test
    void a_predicate_that_stops_holding_on_the_written_pack_leaves_nothing_behind() throws Exception {
        write("run_flaky", "raw", List.of(intent("i1", "tool.read", JsonObject.EMPTY), intent("i2", "tool.read", JsonObject.EMPTY)),
                List.of(), List.of(), List.of());
        script("once.sh", """
                [ -e seen ] && exit 1
                touch seen
                """);
        CliRunner.Result result = cli.run("run", "reduce", "--from", "packs/runpack_run_flaky.zip", "--predicate", "command",
                "--predicate-command", "./once.sh", "--json");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.json().string("error").orElseThrow()).contains("predicate command no longer holds on the reduced runpack");
        assertThat(dir.resolve("packs/runpack_run_flaky_reduced_command.zip")).doesNotExist();
        assertThat(dir.resolve("packs/runpack_run_flaky_reduced_command.zip.reduce_report.json")).doesNotExist();
    }

    @Test
    void a_tampered_input_is_refused_before_any_reduction() throws Exception {
        RunpackRecorder.Recorded recorded = new RunpackRecorder(Clock.systemUTC()).record(input("run_t", "raw",
                List.of(intent("i1", "tool.read", JsonObject.EMPTY)), List.of(), List.of(), List.of()), null, null);
        Map<String, byte[]> entries = new LinkedHashMap<>(recorded.entries());
        entries.put(RunpackFiles.INTENTS, new String(entries.get(RunpackFiles.INTENTS), StandardCharsets.UTF_8)
                .replace("tool.read", "tool.rm").getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("tampered.zip"), DeterministicZip.write(entries));

        CliRunner.Result result = cli.run("run", "reduce", "--from", "tampered.zip", "--json");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.json().string("error").orElseThrow()).contains("failed its integrity check");
        assertThat(dir.resolve("runpack_run_t_reduced_missingresult.zip")).doesNotExist();
    }

    @Test
    void a_predicate_command_that_hangs_is_killed_and_aborts_the_reduction() throws Exception {
        write("run_hang", "raw", List.of(intent("i1", "tool.read", JsonObject.EMPTY), intent("i2", "tool.read", JsonObject.EMPTY)),
                List.of(), List.of(), List.of());
        script("hang.sh", """
                echo $$ > hang.pid
                sleep 60 &
                echo $! > sleep.pid
                wait
                """);
        long started = System.nanoTime();
        CliRunner.Result result = cli.run("run", "reduce", "--from", "packs/runpack_run_hang.zip", "--predicate", "command",
                "--predicate-command", "./hang.sh", "--json");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(30));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.json().string("error").orElseThrow()).contains("predicate command", "did not finish within 10 s; reduction aborted");
        assertThat(dir.resolve("packs/runpack_run_hang_reduced_command.zip")).doesNotExist();
        for (String pidFile : List.of("hang.pid", "sleep.pid")) {
            long pid = Long.parseLong(Files.readString(dir.resolve(pidFile)).strip());
            assertThat(exitsWithin(pid, Duration.ofSeconds(5))).as(pidFile + " killed").isTrue();
        }
    }

    /** A kill signal lands asynchronously; a process left running would still be there after the wait. */
    private static boolean exitsWithin(long pid, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static List<String> keptIds(JsonObject json) {
        return json.array("kept_intent_ids").orElseThrow().elements().stream().map(v -> ((JsonString) v).value()).toList();
    }

    private static RecordInput.Intent intent(String id, String tool, JsonObject args) {
        return new RecordInput.Intent(id, tool, "", args);
    }

    private static RecordInput.Result result(String id, String status, JsonObject payload) {
        return new RecordInput.Result(id, status, "", payload);
    }

    private static Receipt receipt(String refId) {
        return new Receipt(refId, "doc", "wiki/" + refId, Digests.sha256Hex("q" + refId), Digests.sha256Hex("c" + refId), TS,
                "reference", "", 0, "", null);
    }

    private static RecordInput input(String runId, String captureMode, List<RecordInput.Intent> intents,
                                     List<RecordInput.Result> results, List<Receipt> receipts, List<RunRecord.TimelineEvent> timeline) {
        return new RecordInput(new RecordInput.Run("", "", TS, "0.0.0-dev", runId, new RunRecord.Env("linux", "amd64", "test"), timeline),
                intents, results, new RecordInput.Refs(receipts, "", "", 0), captureMode, Map.of(), Map.of());
    }

    private void write(String runId, String captureMode, List<RecordInput.Intent> intents, List<RecordInput.Result> results,
                       List<Receipt> receipts, List<RunRecord.TimelineEvent> timeline) {
        RunpackWriter.write(dir.resolve("packs"), new RunpackRecorder(Clock.systemUTC())
                .record(input(runId, captureMode, intents, results, receipts, timeline), null, null));
    }

    private static RunpackReader.Records read(Path pack) {
        try (SafeZip zip = SafeZip.open(pack)) {
            return RunpackReader.read(zip, pack.toString());
        }
    }

    private void script(String name, String body) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }
}
