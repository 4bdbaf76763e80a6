package dev.gait.core.pack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.context.ContextEnvelope;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.Receipt;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import dev.gait.core.zip.DeterministicZip;
import dev.gait.core.zip.SafeZip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a run pack from a runpack, as Gait v1 does: {@code run_payload.json}, the runpack re-zipped
 * deterministically as {@code source/runpack.zip}, and {@code context_envelope.json} when the run has
 * receipts. Other inputs (traces, runpacks, packs) are kept under {@code inputs/}; every input is
 * named by digest in the attestation.
 */
public final class RunPackBuilder {

    private RunPackBuilder() {}

    /**
     * @param runpackName the runpack's file name, as the attestation names it
     * @param otherInputs further inputs by file name, each kept as {@code inputs/<name>}
     * @param signer null builds an unsigned pack
     */
    public static PackBuilder.Built build(String runpackName, byte[] runpackBytes, Map<String, byte[]> otherInputs,
                                          Optional<Predecessor> predecessor, String producerVersion, Signer signer) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<PackInput> inputs = new ArrayList<>();
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(runpackBytes, runpackName)) {
            records = RunpackReader.read(zip, runpackName);
            files.put(PackFiles.SOURCE_RUNPACK, rezipped(zip));
        }
        RunPayload payload;
        try {
            payload = RunPayload.of(records);
            contextEnvelope(records.refs()).ifPresent(envelope -> files.put(PackFiles.CONTEXT_ENVELOPE, envelope));
        } catch (IllegalArgumentException e) {
            throw GaitException.invalidInput("runpack " + runpackName + ": " + e.getMessage(), e);
        }
        files.put(PackFiles.RUN_PAYLOAD, Jcs.canonicalize(payload.toJson()));
        inputs.add(new PackInput(InputKind.RUNPACK, payload.runId(), runpackName, Digests.sha256Hex(runpackBytes),
                payload.manifestDigest(), PackFiles.SOURCE_RUNPACK));
        for (Map.Entry<String, byte[]> input : new TreeMap<>(otherInputs).entrySet()) {
            String entry = PackFiles.INPUTS_DIRECTORY + checkedName(input.getKey());
            InputKind.Identity identity = InputKind.identify(input.getValue(), input.getKey());
            inputs.add(new PackInput(identity.kind(), identity.ref(), input.getKey(), Digests.sha256Hex(input.getValue()),
                    identity.digest(), entry));
            files.put(entry, input.getValue());
        }
        return PackBuilder.build(PackType.RUN, payload.runId(), producerVersion, files, inputs, predecessor, signer);
    }

    /** The runpack's entries in a deterministic zip (Gait v1 stores this normalised copy, not the original bytes). */
    private static byte[] rezipped(SafeZip zip) {
        Map<String, byte[]> entries = new TreeMap<>();
        zip.names().forEach(name -> entries.put(name, zip.read(name, PackFiles.MAX_ENTRY_BYTES)));
        return DeterministicZip.write(entries);
    }

    private static String checkedName(String name) {
        if (name.isBlank() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw GaitException.invalidInput("input name must be a plain file name: " + name);
        }
        return name;
    }

    /**
     * The run's receipts as a {@code gait.context.envelope}: normalised and checked like any envelope
     * (a stated context set digest must match the records), identified by the run id.
     */
    private static Optional<byte[]> contextEnvelope(JsonObject refs) {
        List<JsonValue> receipts = refs.array("receipts").orElse(JsonArray.EMPTY).elements();
        if (receipts.isEmpty()) {
            return Optional.empty();
        }
        List<JsonValue> records = receipts.stream().<JsonValue>map(r -> r instanceof JsonObject receipt
                && receipt.string("retrieved_at").map(GoTime::parse).filter(t -> t.toInstant().equals(GoTime.ZERO.toInstant())).isPresent()
                ? receipt.toBuilder().put("retrieved_at", PackFiles.CREATED_AT_TEXT).build() : r).toList();
        JsonObject input = JsonObject.builder()
                .put("schema_id", ContextEnvelope.SCHEMA_ID)
                .put("context_set_id", refs.string("run_id").orElse(""))
                .put("context_set_digest", refs.string("context_set_digest").orElse("").strip().toLowerCase(Locale.ROOT))
                .put("evidence_mode", refs.string("context_evidence_mode").orElse("").strip().toLowerCase(Locale.ROOT))
                .put("records", new JsonArray(records))
                .build();
        ContextEnvelope envelope = ContextEnvelope.parse(Jcs.canonicalize(input), true);
        String producer = refs.string("producer_version").orElse("");
        JsonObject normalized = JsonObject.builder()
                .put("schema_id", ContextEnvelope.SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", RunPayload.utc(refs.string("created_at").orElse("")))
                .put("producer_version", producer.isBlank() ? GaitVersion.DEVELOPMENT : producer.strip())
                .put("context_set_id", envelope.contextSetId())
                .put("context_set_digest", envelope.contextSetDigest())
                .put("evidence_mode", envelope.evidenceMode())
                .put("records", new JsonArray(envelope.records().stream().<JsonValue>map(Receipt::toJson).toList()))
                .build();
        return Optional.of(Jcs.canonicalize(normalized));
    }
}
