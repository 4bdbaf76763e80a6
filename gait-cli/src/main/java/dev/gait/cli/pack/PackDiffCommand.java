package dev.gait.cli.pack;

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
import dev.gait.core.pack.PackDiff;
import dev.gait.core.zip.SafeZip;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code gait pack diff <left> <right>}: what changed between two packs; exit 0 same, 2 changed. */
final class PackDiffCommand extends LeafCommand<PackDiffCommand.Flags> {

    record Flags(Flag<String> output) {}

    PackDiffCommand() {
        super("diff", "Compare two packs: added, removed and changed files, manifest and context drift.",
                "pack diff compares two packs file by file and classifies how their context evidence drifted.",
                "<left.zip> <right.zip>", 2);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(flags.string("output", "", "also write the gait.pack.diff result to this file"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (positionals.size() != 2) {
            throw new UsageException("expected <left> <right>");
        }
        PackDiff.Result result;
        try (SafeZip left = PackOutput.open(invocation, positionals.get(0));
             SafeZip right = PackOutput.open(invocation, positionals.get(1))) {
            result = PackDiff.diff(left, PackOutput.shown(invocation, positionals.get(0)),
                    right, PackOutput.shown(invocation, positionals.get(1)));
        }
        JsonObject.Builder json = PackOutput.envelope("diff").put("diff", result.json());
        if (!flags.output().get().isBlank()) {
            AtomicFiles.write(invocation.resolve(flags.output().get()),
                    JsonWriter.GO_STRUCT.write(result.json()).getBytes(StandardCharsets.UTF_8));
            json.put("path", flags.output().get());
        }
        List<String> text = List.of(
                "diff=" + (result.changed() ? "changed" : "same"),
                "manifest_delta=" + result.manifestDelta(),
                "added_files=" + String.join(",", result.addedFiles()),
                "removed_files=" + String.join(",", result.removedFiles()),
                "changed_files=" + String.join(",", result.changedFiles()),
                "context_drift_classification=" + result.contextDriftClassification());
        // As with run diff: a difference is a finding, so ok stays true and the exit code says "changed".
        return output.result(true, result.changed() ? ExitCode.VERIFICATION_FAILED : ExitCode.OK, json.build(), text);
    }
}
