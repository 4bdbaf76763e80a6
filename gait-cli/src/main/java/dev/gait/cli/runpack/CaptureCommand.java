package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.session.SessionChain;
import dev.gait.core.zip.SafeZip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code gait capture --from <runpack|session chain>}: pins the artifact a regression fixture or an
 * incident starts from in a small receipt ({@code gait.capture.receipt}), after checking it.
 */
public final class CaptureCommand extends LeafCommand<CaptureCommand.Flags> {

    /** The schema of the receipt this command writes; {@code regress add} accepts such receipts as sources. */
    public static final String RECEIPT_SCHEMA_ID = "gait.capture.receipt";

    record Flags(Flag<String> from, Flag<String> out, Flag<String> checkpoint, Flag<String> saveAs) {}

    public CaptureCommand() {
        super("capture", "Pin a runpack or a session checkpoint as the source of a fixture or incident.",
                "capture checks a runpack or a session checkpoint and writes a receipt that pins it as the source of a regression fixture or incident.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("from", "", "a run id, a runpack path, or a session chain (.json)"),
                flags.string("out", "gait-out/capture.json", "where to write the capture receipt"),
                flags.string("checkpoint", "latest", "for a session chain: latest, or a checkpoint index"),
                flags.string("save-as", "", "deprecated spelling of --out"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (!flags.saveAs().get().isEmpty()) {
            throw GaitException.invalidInput("deprecated flag spelling: --save-as -> --out");
        }
        String from = flags.from().get().strip();
        if (from.isEmpty()) {
            throw new UsageException("missing required --from");
        }
        String chainPath = "";
        String artifactType = "runpack";
        Path runpack;
        if (from.toLowerCase(Locale.ROOT).endsWith(".json")) {
            Path chainFile = invocation.resolve(from);
            JsonObject checkpoint = SessionChain.checkpoint(SessionChain.read(chainFile), flags.checkpoint().get());
            runpack = RunpackLocator.resolve(invocation, checkpoint.string("runpack_path").orElse(""));
            chainPath = from;
            artifactType = "session_checkpoint";
        } else {
            runpack = RunpackLocator.resolve(invocation, from);
        }
        String runId;
        try (SafeZip zip = SafeZip.open(runpack)) {
            runId = RunpackReader.read(zip, runpack.toString()).manifest().string("run_id").orElse("");
        }
        Path out = invocation.resolve(flags.out().get());
        JsonObject receipt = JsonObject.builder()
                .put("schema_id", RECEIPT_SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("ok", true)
                .put("from", from)
                .put("artifact_type", artifactType)
                .put("artifact_path", RunpackLocator.display(invocation, runpack))
                .put("session_chain_path", chainPath)
                .put("run_id", runId)
                .put("output_path", flags.out().get())
                .build();
        AtomicFiles.write(out, (JsonWriter.GO_STRUCT_INDENTED.write(receipt) + "\n").getBytes(StandardCharsets.UTF_8));
        return output.success(receipt.without("ok"), List.of("run_id=" + runId, "artifact_type=" + artifactType,
                "artifact_path=" + RunpackLocator.display(invocation, runpack), "output_path=" + flags.out().get()));
    }
}
