package dev.gait.bench;

import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.reduce.Candidate;
import dev.gait.core.reduce.ReducePredicate;
import dev.gait.core.reduce.ReduceReport;
import dev.gait.core.reduce.RunpackReducer;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunRecord;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reduction of a 1,000-step raw-capture run whose failure needs two steps ({@code intent_0417} and
 * {@code intent_0883}), end to end both ways: in-process with a Java predicate (read strictly,
 * ddmin, write the reduced pack and report, re-check), and as a whole {@code gait run reduce}
 * process with the {@code command} predicate. Usage:
 * {@code ReduceBenchmark <work-dir> <runs> <gait.jar> <predicate-script>}; the script must be in
 * the work directory, where the command line runs. Prints one line per run and the medians.
 */
public final class ReduceBenchmark {
    private static final List<String> CAUSES = List.of("intent_0417", "intent_0883");
    private static final String PACK = RunpackWriter.fileName("run_bench_reduce");

    private ReduceBenchmark() {}

    /** The synthetic run's failure: both causes are still there. */
    private static final class BothCausesKept implements ReducePredicate {
        @Override
        public String name() {
            return "both_causes";
        }

        @Override
        public boolean holds(Candidate candidate) {
            return candidate.keptIntentIds().containsAll(CAUSES);
        }
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        String gaitJar = Path.of(args[2]).toAbsolutePath().toString();
        String predicateScript = "./" + Path.of(args[3]).getFileName();
        Path pack = buildPack(work);
        System.out.printf("runpack=%s steps=1000 causes=%s%n", PACK, String.join(",", CAUSES));

        double[] inProcess = new double[runs];
        for (int i = -2; i < runs; i++) { // two warm-up runs
            long start = System.nanoTime();
            ReduceReport report = reduceInProcess(work, pack);
            double ms = (System.nanoTime() - start) / 1e6;
            if (i >= 0) {
                inProcess[i] = ms;
                System.out.printf("in_process run=%d ms=%.1f predicate_evaluations=%d subsets_tried=%d%n", i, ms,
                        report.predicateEvaluations(), report.subsetsTried());
            }
        }

        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", gaitJar, "run", "reduce",
                "--from", PACK, "--predicate", "command", "--predicate-command", predicateScript, "--out", "cli.zip", "--json");
        double[] cli = new double[runs];
        for (int i = -1; i < runs; i++) { // one warm-up run
            long start = System.nanoTime();
            JsonObject answer = reduceWithCli(work, command);
            double ms = (System.nanoTime() - start) / 1e6;
            if (i >= 0) {
                cli[i] = ms;
                System.out.printf("cli run=%d ms=%.1f predicate_evaluations=%.0f%n", i, ms,
                        ((JsonNumber) answer.get("predicate_evaluations").orElseThrow()).value());
            }
        }
        System.out.printf("in_process_median_ms=%.1f%n", Medians.of(inProcess));
        System.out.printf("cli_median_ms=%.1f%n", Medians.of(cli));
    }

    private static ReduceReport reduceInProcess(Path work, Path pack) {
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(pack)) {
            records = RunpackReader.read(zip, pack.toString());
        }
        ReduceReport report = new RunpackReducer(records, new BothCausesKept(), Clock.systemUTC())
                .reduce(work.resolve("in-process.zip"), work.resolve("in-process.report.json"));
        if (!report.keptIntentIds().equals(CAUSES)) {
            throw new IllegalStateException("in-process reduction kept " + report.keptIntentIds());
        }
        return report;
    }

    private static JsonObject reduceWithCli(Path work, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("gait run reduce exited " + process.exitValue() + ": " + new String(stdout));
        }
        JsonObject answer = JsonReader.strict().readObject(stdout);
        List<String> kept = answer.array("kept_intent_ids").orElseThrow().elements().stream()
                .map(v -> ((JsonString) v).value()).toList();
        if (!kept.equals(CAUSES)) {
            throw new IllegalStateException("gait run reduce kept " + kept);
        }
        return answer;
    }

    private static Path buildPack(Path work) {
        OffsetDateTime ts = OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);
        List<RecordInput.Intent> intents = new ArrayList<>();
        List<RecordInput.Result> results = new ArrayList<>();
        for (int n = 1; n <= 1000; n++) {
            String id = "intent_%04d".formatted(n);
            intents.add(new RecordInput.Intent(id, "tool.step", "", JsonObject.builder().put("n", n).build()));
            results.add(new RecordInput.Result(id, "ok", "", JsonObject.builder().put("echo", n).build()));
        }
        RecordInput input = new RecordInput(
                new RecordInput.Run("", "", ts, "0.0.0-dev", "run_bench_reduce", new RunRecord.Env("linux", "amd64", "java"),
                        List.of(new RunRecord.TimelineEvent("start", ts, "", null))),
                intents, results, new RecordInput.Refs(List.of(), "", "", 0), "raw", Map.of(), Map.of());
        return RunpackWriter.write(work, new RunpackRecorder(Clock.systemUTC()).record(input, null, null));
    }
}
