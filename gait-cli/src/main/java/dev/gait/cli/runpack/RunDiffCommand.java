package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackDiff;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.zip.SafeZip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code gait run diff <left> <right>}: what changed between two runs; exit 0 same, 2 changed. */
final class RunDiffCommand extends LeafCommand<RunDiffCommand.Flags> {

    record Flags(Flag<String> privacy, Flag<String> output) {}

    RunDiffCommand() {
        super("diff", "Compare two runpacks: manifest, files, intents, results and context evidence.",
                "run diff compares two runpacks and classifies what changed, so a regression can be told from runtime noise.", "<left run_id|path> <right run_id|path>", 2);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.choice("privacy", "full", "full, or metadata: ignore arguments, results and receipt contents", "full", "metadata"),
                flags.string("output", "", "also write {privacy, summary} as JSON to this file"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (positionals.size() != 2) {
            throw new UsageException("run diff needs two runpacks: <left> <right>");
        }
        RunpackDiff.Privacy privacy = RunpackDiff.Privacy.parse(flags.privacy().get());
        RunpackDiff.Summary summary = RunpackDiff.diff(read(invocation, positionals.get(0)),
                read(invocation, positionals.get(1)), privacy);
        JsonObject.Builder json = JsonObject.builder().put("privacy", privacy.wire()).put("summary", summary.toJson());
        if (!flags.output().get().isBlank()) {
            Path target = invocation.resolve(flags.output().get());
            AtomicFiles.write(target, JsonWriter.GO_STRUCT.write(json.build()).getBytes(StandardCharsets.UTF_8));
            json.put("output", flags.output().get());
        }
        boolean changed = summary.changed();
        List<String> text = new ArrayList<>(List.of(
                "diff=" + (changed ? "changed" : "same"),
                "manifest_changed=" + summary.manifestChanged(),
                "files_changed=" + String.join(",", summary.filesChanged()),
                "intents_changed=" + summary.intentsChanged(),
                "results_changed=" + summary.resultsChanged(),
                "refs_changed=" + summary.refsChanged(),
                "context_drift_classification=" + summary.contextDriftClassification()));
        // A difference is a finding, not a failure of the command: ok stays true, the exit code says "changed".
        return output.result(true, changed ? ExitCode.VERIFICATION_FAILED : ExitCode.OK, json.build(), text);
    }

    private static RunpackReader.Records read(Invocation invocation, String argument) {
        Path path = RunpackLocator.resolve(invocation, argument);
        try (SafeZip zip = SafeZip.open(path)) {
            return RunpackReader.read(zip, RunpackLocator.display(invocation, path));
        }
    }
}
