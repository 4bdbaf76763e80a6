package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.core.canon.Jcs;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.guard.RetentionReports;
import dev.gait.core.guard.Retention;
import dev.gait.core.guard.RetentionRequest;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Signer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code gait guard retain}: deletes gate traces and evidence or incident packs older than their time
 * to live (by file modification time against the clock) and, with {@code --report-out}, writes a
 * signed, canonical deletion report that {@code guard verify-report} checks.
 */
final class GuardRetainCommand extends LeafCommand<GuardRetainCommand.Flags> {

    record Flags(Flag<String> root, Flag<String> traceTtl, Flag<String> packTtl, Flag<Boolean> dryRun, Flag<String> reportOut,
                 SigningFlags signing) {}

    GuardRetainCommand() {
        super("retain", "Delete traces and evidence packs past their time to live; write a signed deletion report.",
                "guard retain applies time-to-live retention to gate traces and evidence packs and can sign a report of what it deleted.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("root", ".", "directory to walk (recursively, without following links)"),
                flags.string("trace-ttl", "168h", "retention for trace_*.json (0 keeps them)"),
                flags.string("pack-ttl", "720h", "retention for evidence_pack_* and incident_pack_* (.zip, .gaitenc; 0 keeps them)"),
                flags.bool("dry-run", false, "report what would be deleted without deleting"),
                flags.string("report-out", "", "write the signed retention report here"),
                SigningFlags.declare(flags, "report"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        RetentionRequest request = new RetentionRequest(invocation.resolve(flags.root().get()), cleaned(flags.root().get()),
                Durations.of(flags.traceTtl()), Durations.of(flags.packTtl()), flags.dryRun().get(), invocation.clock().instant());
        boolean writeReport = !flags.reportOut().get().isBlank();
        // The key is opened before anything is deleted: a signing problem leaves every file in place.
        Optional<Signer> signer = writeReport ? flags.signing().signer(invocation) : Optional.empty();
        JsonObject report = Retention.apply(request);
        JsonObject.Builder json = JsonObject.builder()
                .put("root_path", request.rootShown())
                .put("dry_run", request.dryRun())
                .put("scanned_files", report.get("scanned_files").orElseThrow())
                .put("deleted_files", report.get("deleted_files").orElseThrow())
                .put("kept_files", report.get("kept_files").orElseThrow());
        List<String> text = new ArrayList<>(List.of("root_path=" + request.rootShown(), "dry_run=" + request.dryRun(),
                "scanned_files=" + (report.array("deleted_files").orElseThrow().size() + report.array("kept_files").orElseThrow().size()),
                "deleted_files=" + paths(report.array("deleted_files").orElseThrow()),
                "kept_files=" + paths(report.array("kept_files").orElseThrow())));
        if (writeReport) {
            JsonObject written = signer.map(s -> RetentionReports.sign(report, s)).orElse(report);
            Path target = invocation.resolve(flags.reportOut().get());
            AtomicFiles.write(target, Jcs.canonicalize(written));
            String shown = RunpackLocator.display(invocation, target);
            json.put("report_path", shown).put("report_signed", signer.isPresent());
            text.add("report_path=" + shown);
        }
        return output.success(json.build(), text);
    }

    /** The root as Go's {@code filepath.Clean} prints it. */
    private static String cleaned(String root) {
        String cleaned = Path.of(root.strip()).normalize().toString();
        return cleaned.isEmpty() ? "." : cleaned;
    }

    private static String paths(JsonArray events) {
        return String.join(",", events.elements().stream().map(e -> ((JsonObject) e).string("path").orElse("")).toList());
    }
}
