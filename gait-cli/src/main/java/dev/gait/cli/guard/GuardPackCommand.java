package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.GoStrings;
import dev.gait.core.guard.ComplianceTemplate;
import dev.gait.core.guard.ComplianceTemplates;
import dev.gait.core.guard.EvidencePack;
import dev.gait.core.guard.EvidencePackBuilder;
import dev.gait.core.guard.EvidencePackRequest;
import dev.gait.core.guard.IncidentSelection;
import dev.gait.core.guard.InputDocument;
import dev.gait.core.guard.InputKind;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.Signer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code gait guard pack --run <run>}: an evidence pack for one run with the traces, regress results,
 * approval audits, credential evidence and inventory snapshots given, indexed against a compliance
 * template, signed by default.
 */
final class GuardPackCommand extends LeafCommand<GuardPackCommand.Flags> {

    record Flags(Flag<String> run, Map<InputKind, Flag<String>> inputs, PackFlags pack) {}

    GuardPackCommand() {
        super("pack", "Build a signed evidence pack for a run: summaries, control index, evidence pointers, declared inputs.",
                "guard pack bundles what a run did and the evidence around it into one signed pack an auditor can verify offline.",
                "[<run_id|path>]", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        Flag<String> run = flags.string("run", "", "runpack path or run_id");
        Map<InputKind, Flag<String>> inputs = new EnumMap<>(InputKind.class);
        inputs.put(InputKind.INVENTORY, flags.string("inventory", "", "comma-separated inventory snapshot paths"));
        inputs.put(InputKind.TRACE, flags.string("trace", "", "comma-separated gate trace paths"));
        inputs.put(InputKind.REGRESS, flags.string("regress", "", "comma-separated regress result paths"));
        inputs.put(InputKind.APPROVAL_AUDIT, flags.string("approval-audit", "",
                "comma-separated approval audit paths (default: approval_audit_*.json beside the runpack)"));
        inputs.put(InputKind.CREDENTIAL_EVIDENCE, flags.string("credential-evidence", "",
                "comma-separated broker credential evidence paths (default: credential_evidence_*.json beside the runpack)"));
        return new Flags(run, inputs, PackFlags.declare(flags, ComplianceTemplates.DEFAULT_ID));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        String runArgument = Arguments.flagOrFirst(flags.run(), positionals, "--run <run_id|path>");
        ComplianceTemplate template = flags.pack().checkedTemplate();
        LoadedRun run = LoadedRun.load(invocation, runArgument);
        Map<InputKind, List<InputDocument>> inputs = new EnumMap<>(InputKind.class);
        flags.inputs().forEach((kind, flag) -> inputs.put(kind, load(kind, paths(invocation, flag.get()))));
        // As in v1, approval audits and credential evidence beside the runpack are collected when none are named.
        for (InputKind kind : List.of(InputKind.APPROVAL_AUDIT, InputKind.CREDENTIAL_EVIDENCE)) {
            if (inputs.get(kind).isEmpty()) {
                inputs.put(kind, load(kind, IncidentSelection.matching(run.directory(), kind.wire() + "_")));
            }
        }
        Optional<Signer> signer = flags.pack().signing().signer(invocation);
        EvidencePack pack = EvidencePackBuilder.build(new EvidencePackRequest(run.records(), run.source(), inputs, template,
                flags.pack().caseId().get(), Optional.empty()), signer);
        List<String> counts = new ArrayList<>();
        JsonObject.Builder details = JsonObject.builder();
        inputs.forEach((kind, documents) -> {
            details.put(kind.wire() + "_count", documents.size());
            counts.add(kind.wire() + "_count=" + documents.size());
        });
        return PackWriter.write(invocation, output, run, flags.pack(), pack, details, counts);
    }

    /** Comma-separated paths, trimmed, distinct and sorted as v1 orders them. */
    private static List<Path> paths(Invocation invocation, String csv) {
        TreeSet<String> names = new TreeSet<>(GoStrings.BYTE_ORDER);
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                names.add(part.strip());
            }
        }
        return names.stream().map(invocation::resolve).toList();
    }

    private static List<InputDocument> load(InputKind kind, List<Path> paths) {
        return paths.stream().map(path -> InputDocument.load(kind, path)).toList();
    }
}
