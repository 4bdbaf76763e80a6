package dev.gait.core.guard;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.sign.Signatures;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds guard evidence packs and incident packs in Gait v1's layout: the same entries, control
 * index, evidence pointers and pack_id, plus our two entries ({@code pack_inputs.json},
 * {@code control_coverage.json}), and a manifest signature whenever a signer is given.
 */
public final class EvidencePackBuilder {

    private EvidencePackBuilder() {}

    public static EvidencePack build(EvidencePackRequest request, Optional<Signer> signer) {
        String runId = request.runpack().run().string("run_id").orElse("");
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put(PackFiles.RUNPACK_SUMMARY, Jcs.canonicalize(EvidenceSummaries.runpack(request.runpack())));
        entries.put(PackFiles.REFERENCED_RUNPACKS, Jcs.canonicalize(EvidenceSummaries.referencedRunpacks(request.runpack())));
        List<PackInputs.Declared> declared = new ArrayList<>();
        for (InputKind kind : InputKind.values()) {
            List<InputDocument> documents = request.inputs(kind);
            for (int i = 0; i < documents.size(); i++) {
                String entry = kind.entryName(i + 1);
                declared.add(new PackInputs.Declared(documents.get(i), entry));
                entries.put(entry, Jcs.canonicalize(documents.get(i).json()));
            }
        }
        summarise(entries, InputKind.TRACE, EvidenceSummaries.traces(request.inputs(InputKind.TRACE)), request);
        summarise(entries, InputKind.REGRESS, EvidenceSummaries.regress(request.inputs(InputKind.REGRESS)), request);
        request.incident().ifPresent(incident -> entries.put(PackFiles.POLICY_DIGESTS,
                Jcs.canonicalize(policyDigests(runId, incident))));

        List<PackEntry> evidence = PackEntry.of(entries);
        ControlIndex index = ControlIndex.build(request.template(), evidence);
        JsonArray pointers = pointers(evidence);
        entries.put(PackFiles.CONTROL_INDEX, Jcs.canonicalize(index.toJson()));
        entries.put(PackFiles.EVIDENCE_POINTERS, Jcs.canonicalize(pointers));
        entries.put(PackFiles.CONTROL_COVERAGE, Jcs.canonicalize(index.coverageJson()));
        entries.put(PackFiles.INPUTS, Jcs.canonicalize(PackInputs.toJson(runId, request.runpackSource(), declared)));

        JsonArray contents = PackEntry.toJson(PackEntry.of(entries));
        String packId = GuardManifest.packId(runId, contents);
        String createdAt = GoTime.formatUtc(runCreatedAt(request.runpack()));
        JsonObject.Builder manifest = JsonObject.builder()
                .put("schema_id", GuardManifest.SCHEMA_ID)
                .put("schema_version", GuardManifest.SCHEMA_VERSION)
                .put("created_at", createdAt)
                .put("producer_version", GaitVersion.current())
                .put("pack_id", packId)
                .put("run_id", runId)
                .putOmitEmpty("case_id", GoStrings.trimSpace(request.caseId()))
                .put("template_id", request.template().templateId())
                .put("generated_at", createdAt)
                .put("control_index", index.toJson())
                .put("evidence_pointers", pointers);
        request.incident().ifPresent(incident -> manifest.put("incident_window", incident.window().toJson()));
        JsonObject unsigned = manifest.put("contents", contents).build();
        JsonObject finished = signer
                .map(s -> GuardManifest.withSignature(unsigned, Signatures.signDigest(s, GuardManifest.signedDigest(unsigned))))
                .orElse(unsigned);
        entries.put(PackFiles.MANIFEST, Jcs.canonicalize(finished));
        return new EvidencePack(packId, finished, entries, index);
    }

    /** A summary entry exists only when there is something to summarise, as in v1. */
    private static void summarise(Map<String, byte[]> entries, InputKind kind, JsonObject summary, EvidencePackRequest request) {
        if (!request.inputs(kind).isEmpty()) {
            entries.put(kind.entryName(1), Jcs.canonicalize(summary));
        }
    }

    private static JsonObject policyDigests(String runId, EvidencePackRequest.Incident incident) {
        return JsonObject.builder()
                .put("run_id", runId)
                .put("window_from", GoTime.formatUtc(incident.window().from()))
                .put("window_to", GoTime.formatUtc(incident.window().to()))
                .putStrings("policy_digests", incident.policyDigests())
                .build();
    }

    private static JsonArray pointers(List<PackEntry> evidence) {
        List<JsonValue> pointers = new ArrayList<>();
        for (int i = 0; i < evidence.size(); i++) {
            PackEntry entry = evidence.get(i);
            pointers.add(JsonObject.builder()
                    .put("pointer_id", String.format("ev_%03d", i + 1))
                    .put("path", entry.path())
                    .put("type", entry.type().wire())
                    .put("sha256", entry.sha256())
                    .build());
        }
        return new JsonArray(pointers);
    }

    /** The run's created_at; a pack is dated by its run, never by the clock. */
    public static Instant runCreatedAt(RunpackReader.Records runpack) {
        String text = runpack.run().string("created_at").orElse("");
        try {
            return GoTime.parse(text).toInstant();
        } catch (IllegalArgumentException e) {
            throw GaitException.invalidInput("runpack run.json has no valid created_at: \"" + text + "\"", e);
        }
    }
}
