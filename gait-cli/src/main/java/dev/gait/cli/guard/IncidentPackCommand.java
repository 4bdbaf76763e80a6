package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.GoTime;
import dev.gait.core.guard.ComplianceTemplate;
import dev.gait.core.guard.ComplianceTemplates;
import dev.gait.core.guard.EvidencePack;
import dev.gait.core.guard.EvidencePackBuilder;
import dev.gait.core.guard.EvidencePackRequest;
import dev.gait.core.guard.IncidentSelection;
import dev.gait.core.guard.IncidentWindow;
import dev.gait.core.guard.InputKind;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code gait incident pack --from <run>}: one signed pack with the run and everything in the
 * runpack's directory within ±window of its created_at: traces, regress results, the policy digests
 * the traces were decided under, and the approval chain of those traces.
 */
final class IncidentPackCommand extends LeafCommand<IncidentPackCommand.Flags> {

    record Flags(Flag<String> from, Flag<String> window, PackFlags pack) {}

    IncidentPackCommand() {
        super("pack", "Build a signed incident pack: a run and the traces, regress results and approvals around it.",
                "incident pack collects the evidence around one run into a single signed pack for incident review.",
                "[<run_id|path>]", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("from", "", "runpack path or run_id"),
                flags.string("window", "24h", "how far before and after the run's created_at to collect artifacts"),
                PackFlags.declare(flags, ComplianceTemplates.INCIDENT_RESPONSE));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        String from = Arguments.flagOrFirst(flags.from(), positionals, "--from <run_id|path>");
        Duration width = Durations.of(flags.window());
        ComplianceTemplate template = flags.pack().checkedTemplate();
        LoadedRun run = LoadedRun.load(invocation, from);
        String runId = run.records().run().string("run_id").orElse("");
        IncidentWindow window = IncidentWindow.around(EvidencePackBuilder.runCreatedAt(run.records()), width, runId);
        IncidentSelection.Selected selected = IncidentSelection.select(run.directory(), window);
        EvidencePack pack = EvidencePackBuilder.build(new EvidencePackRequest(run.records(), run.source(), selected.inputs(),
                template, flags.pack().caseId().get(), Optional.of(new EvidencePackRequest.Incident(window, selected.policyDigests()))),
                flags.pack().signing().signer(invocation));

        JsonObject.Builder details = JsonObject.builder()
                .put("window_from", GoTime.formatUtc(window.from()))
                .put("window_to", GoTime.formatUtc(window.to()))
                .putStrings("policy_digests", selected.policyDigests())
                .putOmitEmpty("skipped", new JsonArray(selected.skipped().stream().<JsonValue>map(skipped -> JsonObject.builder()
                        .put("name", skipped.name()).put("reason", skipped.reason()).build()).toList()));
        List<String> lines = new ArrayList<>(List.of("window_from=" + GoTime.formatUtc(window.from()),
                "window_to=" + GoTime.formatUtc(window.to()), "policy_digests=" + String.join(",", selected.policyDigests())));
        for (InputKind kind : List.of(InputKind.TRACE, InputKind.REGRESS, InputKind.APPROVAL_AUDIT, InputKind.CREDENTIAL_EVIDENCE)) {
            int count = selected.inputs().get(kind).size();
            details.put(kind.wire() + "_count", count);
            lines.add(kind.wire() + "_count=" + count);
        }
        selected.skipped().forEach(skipped -> lines.add("skipped=" + skipped.name() + ": " + skipped.reason()));
        return PackWriter.write(invocation, output, run, flags.pack(), pack, details, lines);
    }
}
