package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.gate.PolicyCommands;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.ExitCode;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import dev.gait.core.replay.diff.DifferentialReplay;
import dev.gait.core.replay.diff.ReplayVariant;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.zip.SafeZip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait run diffreplay <run> --variants base=a.json,candidate=b.json}: replays one run under
 * labelled variants (model and prompt version with their stubbed outputs, policy, stubbed tool
 * outputs, context), reports where each departs from the first and which input causes it. Exit 0
 * when no variant departs, 2 when one does.
 */
final class RunDiffReplayCommand extends LeafCommand<RunDiffReplayCommand.Flags> {
    private static final List<String> VARIANT_MEMBERS = List.of("context", "model_outputs", "model_version", "policy",
            "prompt_version", "tool_outputs");

    record Flags(Flag<String> variants, Flag<String> output) {}

    RunDiffReplayCommand() {
        super("diffreplay", "Replay a run under labelled variants and attribute the first divergence to the input that causes it.",
                "run diffreplay finds which change (model, prompt, policy, tool outputs, context) made a run take a different path.",
                "<run_id|path>", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("variants", "", "comma-separated <label>=<variant.json>; the first is the baseline"),
                flags.string("output", "", "also write the report (gait.replay.differential_report) to this file"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("run diffreplay needs a runpack: <run_id|path>");
        }
        List<ReplayVariant> variants = new ArrayList<>();
        for (String entry : flags.variants().get().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--variants entries read <label>=<variant.json>, got " + entry.strip());
            }
            variants.add(load(invocation, entry.substring(0, equals).strip(), entry.substring(equals + 1).strip()));
        }
        if (variants.size() < 2) {
            throw new UsageException("run diffreplay needs --variants with at least two labelled variants");
        }
        Path source = RunpackLocator.resolve(invocation, positionals.getFirst());
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(source)) {
            records = RunpackReader.read(zip, RunpackLocator.display(invocation, source));
        }
        DifferentialReplay.Report report = DifferentialReplay.compare(records, variants);
        JsonObject json = DifferentialReplay.toJson(report);
        JsonObject.Builder payload = JsonObject.builder().put("report", json);
        if (!flags.output().get().isBlank()) {
            AtomicFiles.write(invocation.resolve(flags.output().get()), JsonWriter.GO_STRUCT.write(json).getBytes(StandardCharsets.UTF_8));
            payload.put("output", flags.output().get());
        }
        List<String> text = new ArrayList<>(List.of("run_id=" + report.runId(), "baseline=" + variants.getFirst().label()));
        text.addAll(DifferentialReplay.summary(report));
        return output.result(true, report.anyDivergence() ? ExitCode.VERIFICATION_FAILED : ExitCode.OK, payload.build(), text);
    }

    /** A variant file: its policy and model outputs are paths relative to the file (model outputs may also be inline). */
    private static ReplayVariant load(Invocation invocation, String label, String file) {
        Path path = invocation.resolve(file);
        JsonObject json = JsonReader.strict().readObject(InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES));
        for (String member : json.members().keySet()) {
            if (!VARIANT_MEMBERS.contains(member)) {
                throw GaitException.invalidInput("variant " + label + ": unknown member " + member + " (known: " + VARIANT_MEMBERS + ")");
            }
        }
        Path base = path.toAbsolutePath().getParent();
        String policy = json.string("policy").orElse("").strip();
        JsonValue outputs = json.get("model_outputs").orElse(null);
        if (outputs instanceof JsonString outputsFile) {
            outputs = JsonReader.strict().read(InputFiles.read(base.resolve(outputsFile.value()), InputFiles.DEFAULT_MAX_BYTES));
        }
        if (outputs != null && !(outputs instanceof JsonArray)) {
            throw GaitException.invalidInput("variant " + label + ": model_outputs must be an array or the path of a file holding one");
        }
        return new ReplayVariant(label, json.string("model_version").orElse(""), json.string("prompt_version").orElse(""),
                outputs == null ? null : ReplayVariant.calls((JsonArray) outputs, "variant " + label),
                policy.isEmpty() ? null : PolicyCommands.load(base.resolve(policy), policy),
                json.object("context").orElse(null),
                ReplayVariant.toolOutputs(json.object("tool_outputs").orElse(JsonObject.EMPTY), "variant " + label));
    }
}
