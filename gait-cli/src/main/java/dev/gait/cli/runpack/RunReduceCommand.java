package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.gate.PolicyCommands;
import dev.gait.cli.output.Output;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.reduce.CommandPredicate;
import dev.gait.core.reduce.GraderFailure;
import dev.gait.core.reduce.MissingResult;
import dev.gait.core.reduce.NonOkStatus;
import dev.gait.core.reduce.ReducePredicate;
import dev.gait.core.reduce.ReduceReport;
import dev.gait.core.reduce.RunpackReducer;
import dev.gait.core.reduce.VerdictChanged;
import dev.gait.core.regress.Fixture;
import dev.gait.core.regress.RegressConfig;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code gait run reduce --from <run_id|path>}: the fewest steps of a run on which a failure still
 * shows, found by delta debugging, written as an unsigned runpack with a reduce report.
 */
final class RunReduceCommand extends LeafCommand<RunReduceCommand.Flags> {

    record Flags(Flag<String> from, Flag<String> predicate, Flag<String> policy, Flag<String> predicateCommand,
                 Flag<String> predicateArgs, Flag<String> fixture, Flag<String> grader, Flag<String> out, Flag<String> reportOut) {}

    RunReduceCommand() {
        super("reduce", "Reduce a run to the fewest steps that still show a failure (delta debugging).",
                "run reduce keeps the smallest set of a run's steps on which a failure predicate still holds, and writes it as a runpack with a report.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("from", "", "the run to reduce: a run id or a runpack path"),
                flags.choice("predicate", MissingResult.NAME,
                        "the failure to keep: missing_result, non_ok_status, verdict_changed, grader_failure or command",
                        MissingResult.NAME, NonOkStatus.NAME, VerdictChanged.NAME, GraderFailure.NAME, CommandPredicate.NAME),
                flags.string("policy", "", "for verdict_changed: the policy to evaluate each recorded intent with"),
                flags.string("predicate-command", "", "for command: the program that decides (exit 0: the failure still shows)"),
                flags.string("predicate-args", "", "for command: comma-separated arguments before the candidate runpack path"),
                flags.string("fixture", "", "for grader_failure: the regress fixture whose expectations fail (a name under fixtures/ or a directory)"),
                flags.string("grader", "", "for grader_failure: only this grader's failure counts (e.g. trajectory)"),
                flags.string("out", "", "reduced runpack (default: runpack_<reduced run id>.zip beside the input)"),
                flags.string("report-out", "", "reduce report (default: <out>.reduce_report.json)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (flags.from().get().isBlank()) {
            throw new UsageException("missing required --from");
        }
        Path input = RunpackLocator.resolve(invocation, flags.from().get().strip());
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(input)) {
            records = RunpackReader.read(zip, RunpackLocator.display(invocation, input));
        }
        try (ReducePredicate predicate = predicate(invocation, flags, runCreatedAt(records), input)) {
            RunpackReducer reducer = new RunpackReducer(records, predicate, invocation.clock());
            Path out = flags.out().get().isBlank() ? input.resolveSibling(RunpackWriter.fileName(reducer.reducedRunId()))
                    : invocation.resolve(flags.out().get());
            if (out.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
                throw new UsageException("--out must differ from the input runpack");
            }
            Path reportOut = flags.reportOut().get().isBlank() ? out.resolveSibling(out.getFileName() + ".reduce_report.json")
                    : invocation.resolve(flags.reportOut().get());
            ReduceReport report = reducer.reduce(out, reportOut);
            String shownOut = RunpackLocator.display(invocation, out);
            String shownReport = RunpackLocator.display(invocation, reportOut);
            JsonObject json = JsonObject.builder()
                    .put("run_id", report.runId())
                    .put("reduced_run_id", report.reducedRunId())
                    .put("predicate", report.predicate())
                    .put("output", shownOut)
                    .put("report", shownReport)
                    .putStrings("kept_intent_ids", report.keptIntentIds())
                    .put("predicate_evaluations", report.predicateEvaluations())
                    .build();
            return output.success(json, List.of(
                    "run_id=" + report.runId(),
                    "reduced_run_id=" + report.reducedRunId(),
                    "predicate=" + report.predicate(),
                    "kept_intent_ids=" + String.join(",", report.keptIntentIds()),
                    "predicate_evaluations=" + report.predicateEvaluations(),
                    "output=" + shownOut,
                    "report=" + shownReport));
        }
    }

    /** The run's own time, so a policy's freeze windows and expiry judge the run as it was, on any day. */
    private static java.time.Instant runCreatedAt(RunpackReader.Records records) {
        return dev.gait.core.canon.GoTime.parse(records.run().string("created_at").orElse("1980-01-01T00:00:00Z")).toInstant();
    }

    private static ReducePredicate predicate(Invocation invocation, Flags flags, java.time.Instant evaluationTime, Path input) {
        String name = flags.predicate().get();
        onlyFor(flags.policy(), VerdictChanged.NAME, name);
        onlyFor(flags.predicateCommand(), CommandPredicate.NAME, name);
        onlyFor(flags.predicateArgs(), CommandPredicate.NAME, name);
        onlyFor(flags.fixture(), GraderFailure.NAME, name);
        onlyFor(flags.grader(), GraderFailure.NAME, name);
        return switch (name) {
            case VerdictChanged.NAME -> new VerdictChanged(PolicyCommands.load(invocation, required(flags.policy(), name)), evaluationTime);
            case CommandPredicate.NAME -> new CommandPredicate(required(flags.predicateCommand(), name),
                    flags.predicateArgs().get().isBlank() ? List.of()
                            : Arrays.stream(flags.predicateArgs().get().split(",")).map(String::strip).toList(),
                    invocation.workingDirectory(), CommandPredicate.TIMEOUT);
            case GraderFailure.NAME -> new GraderFailure(fixture(invocation, required(flags.fixture(), name)), flags.grader().get().strip(),
                    input);
            case NonOkStatus.NAME -> new NonOkStatus();
            default -> new MissingResult();
        };
    }

    /** A fixture by name ({@code fixtures/<name>}) or by directory. */
    private static Fixture fixture(Invocation invocation, String nameOrDirectory) {
        Path directory = invocation.resolve(nameOrDirectory);
        if (!Files.isDirectory(directory)) {
            directory = invocation.resolve(RegressConfig.FIXTURES_DIR).resolve(nameOrDirectory);
        }
        Path file = directory.resolve(Fixture.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw GaitException.invalidInput("regress fixture not found: " + nameOrDirectory);
        }
        return Fixture.read(file);
    }

    private static String required(Flag<String> flag, String predicate) {
        if (flag.get().isBlank()) {
            throw new UsageException("--predicate " + predicate + " needs --" + flag.name());
        }
        return flag.get().strip();
    }

    /** A flag meant for another predicate is refused rather than silently ignored. */
    private static void onlyFor(Flag<String> flag, String predicate, String chosen) {
        if (!flag.get().isBlank() && !predicate.equals(chosen)) {
            throw new UsageException("--" + flag.name() + " applies only to --predicate " + predicate);
        }
    }
}
