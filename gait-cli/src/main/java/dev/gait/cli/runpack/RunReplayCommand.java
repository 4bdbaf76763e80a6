package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.replay.FileReadExecutor;
import dev.gait.core.replay.RealReplayInterlocks;
import dev.gait.core.replay.Replay;
import dev.gait.core.replay.ReplayRunpack;
import dev.gait.core.replay.ReplayStep;
import dev.gait.core.replay.ToolExecutors;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code gait run replay <run>}: replays a run's tool calls (stub by default, real for allowed tools
 * behind every interlock) and writes what the replay saw as its own signed runpack. Exit 0 when
 * every call could be replayed, 2 when results are missing, 8 when an interlock is missing.
 */
final class RunReplayCommand extends LeafCommand<RunReplayCommand.Flags> {

    record Flags(Flag<Boolean> realTools, Flag<Boolean> unsafeRealTools, Flag<String> allowTools, Flag<String> unsafeEnv,
                 Flag<String> executors, Flag<String> out, KeyFlagPair privateKey) {}

    RunReplayCommand() {
        super("replay", "Replay a run's tool calls: stubbed by default, for real only behind explicit interlocks.",
                "run replay reproduces a run from its runpack without side effects, or re-runs allowed tools when every interlock is set.",
                "<run_id|path>", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.bool("real-tools", false, "run allowed tools for real (needs --unsafe-real-tools, --allow-tools, the environment switch and a raw runpack)"),
                flags.bool("unsafe-real-tools", false, "confirm that real replay repeats side effects"),
                flags.string("allow-tools", "", "comma-separated tools that may run for real"),
                flags.string("unsafe-real-tools-env", RealReplayInterlocks.DEFAULT_ENV, "environment variable that must be 1 for real replay"),
                flags.string("executor", "", "comma-separated <tool>=<executor> choices: http_get, file_read, process, command:<program>"),
                flags.string("out", "", "replay runpack path (default ./gait-out/runpack_<run_id>_replay.zip)"),
                KeyFlagPair.declare(flags, "private-key", "Gait private key to sign the replay runpack (default: your local key)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("run replay needs a runpack: <run_id|path>");
        }
        Path source = RunpackLocator.resolve(invocation, positionals.getFirst());
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(source)) {
            records = RunpackReader.read(zip, RunpackLocator.display(invocation, source));
        }
        Set<String> allowTools = csv(flags.allowTools().get());
        Replay.Plan plan = Replay.Plan.STUB;
        List<String> warnings = new ArrayList<>();
        if (flags.realTools().get()) {
            plan = Replay.Plan.real(flags.unsafeRealTools().get(), allowTools, invocation.environment(), flags.unsafeEnv().get().strip(),
                    records.manifest().string("capture_mode").orElse(""),
                    ToolExecutors.of(csvList(flags.executors().get()), List.of(new HttpGetExecutor(), new FileReadExecutor(invocation.workingDirectory()))));
            warnings.add("allow_tools=" + String.join(",", allowTools));
        }
        Replay.Report report = Replay.run(records, plan);

        RunpackRecorder.Recorded recorded = new RunpackRecorder(invocation.clock())
                .record(ReplayRunpack.input(records, report), null, SigningKeys.signer(invocation, flags.privateKey()));
        Path target = flags.out().get().isBlank()
                ? invocation.resolve("gait-out").resolve(RunpackWriter.fileName(recorded.runId()))
                : invocation.resolve(flags.out().get());
        AtomicFiles.write(target, RunpackWriter.zipBytes(recorded));
        String written = RunpackLocator.display(invocation, target);

        JsonObject json = JsonObject.builder()
                .put("run_id", report.runId())
                .put("mode", report.mode())
                .put("steps", new JsonArray(report.steps().stream().<JsonValue>map(ReplayStep::toJson).toList()))
                .putStrings("missing_results", report.missingResults())
                .putStrings("warnings", warnings)
                .put("requested_unsafe", flags.unsafeRealTools().get())
                .put("replay_run_id", recorded.runId())
                .put("replay_runpack", written)
                .build();
        List<String> text = new ArrayList<>(List.of("run_id=" + report.runId(), "mode=" + report.mode(),
                "steps=" + report.steps().size(), "missing_results=" + String.join(",", report.missingResults()),
                "replay_runpack=" + written));
        return output.result(report.ok(), report.ok() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json, text);
    }

    private static Set<String> csv(String text) {
        Set<String> values = new TreeSet<>();
        csvList(text).forEach(v -> values.add(v.toLowerCase(Locale.ROOT)));
        return values;
    }

    private static List<String> csvList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
