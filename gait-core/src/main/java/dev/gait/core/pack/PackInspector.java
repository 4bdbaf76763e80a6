package dev.gait.core.pack;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.error.GaitException;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.zip.SafeZip;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code gait pack inspect}: a pack's manifest, its typed payload, its run lineage and its provenance,
 * read without an integrity check (as in Gait v1; {@code pack verify} checks). A legacy runpack gets a
 * synthesised run payload.
 */
public final class PackInspector {

    private static final Map<String, String> OTHER_PAYLOADS = Map.of(
            "job", "job_payload.json", "call", "call_payload.json", "authorization", "authorization_bundle.json");

    private PackInspector() {}

    public static JsonObject inspect(SafeZip zip, String path) {
        if (PackKind.of(zip, path) == PackKind.RUNPACK) {
            RunpackReader.Records records = RunpackReader.read(zip, path);
            RunPayload payload = RunPayload.of(records);
            return JsonObject.builder()
                    .put("pack_id", payload.manifestDigest())
                    .put("pack_type", PackType.RUN.wire())
                    .put("source_ref", payload.runId())
                    .put("run_payload", payload.toJson())
                    .put("run_lineage", lineage(records))
                    .put("legacy_type", "runpack")
                    .build();
        }
        PackManifest manifest = PackManifest.parse(zip.read(PackFiles.MANIFEST, PackFiles.MAX_ENTRY_BYTES));
        JsonObject.Builder json = JsonObject.builder()
                .put("pack_id", manifest.packId())
                .put("pack_type", manifest.packType())
                .put("source_ref", manifest.sourceRef())
                .put("manifest", manifest.toJson());
        if (manifest.packType().equals(PackType.RUN.wire())) {
            lenient(zip, PackFiles.RUN_PAYLOAD, bytes -> RunPayload.parse(bytes).toJson()).ifPresent(p -> json.put("run_payload", p));
            sourceRunpack(zip).ifPresent(records -> json.put("run_lineage", lineage(records)));
        } else {
            String file = OTHER_PAYLOADS.get(manifest.packType());
            lenient(zip, file, bytes -> JsonReader.strict().readObject(bytes))
                    .ifPresent(p -> json.put(file.substring(0, file.length() - ".json".length()), p));
        }
        lenient(zip, PackFiles.ATTESTATION, bytes -> PackAttestation.parse(bytes).provenance().toJson())
                .ifPresent(p -> json.put("provenance", p));
        return json.build();
    }

    /** The runpack inside a run pack, if it reads cleanly. */
    static Optional<RunpackReader.Records> sourceRunpack(SafeZip zip) {
        if (!zip.contains(PackFiles.SOURCE_RUNPACK)) {
            return Optional.empty();
        }
        try (SafeZip source = SafeZip.open(zip.read(PackFiles.SOURCE_RUNPACK, PackFiles.MAX_ENTRY_BYTES), PackFiles.SOURCE_RUNPACK)) {
            return Optional.of(RunpackReader.read(source, PackFiles.SOURCE_RUNPACK));
        } catch (GaitException e) {
            return Optional.empty();
        }
    }

    /** An entry read and parsed; empty when absent or, as Gait v1 ignores them, unreadable or malformed. */
    private static <T> Optional<T> lenient(SafeZip zip, String name, Function<byte[], T> parse) {
        if (!zip.contains(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(zip.read(name, PackFiles.MAX_ENTRY_BYTES)));
        } catch (GaitException | JsonException e) {
            return Optional.empty();
        }
    }

    /** Each intent with its tool and its result's status, by intent id. */
    private static JsonObject lineage(RunpackReader.Records records) {
        Map<String, JsonObject.Builder> links = new TreeMap<>();
        for (JsonObject intent : records.intents()) {
            String id = intent.string("intent_id").orElse("");
            links.put(id, JsonObject.builder().put("intent_id", id).putOmitEmpty("tool_name", intent.string("tool_name").orElse("")));
        }
        for (JsonObject result : records.results()) {
            String id = result.string("intent_id").orElse("");
            links.computeIfAbsent(id, k -> JsonObject.builder().put("intent_id", k))
                    .putOmitEmpty("status", result.string("status").orElse(""));
        }
        return JsonObject.builder()
                .put("timeline_events", records.run().array("timeline").orElse(JsonArray.EMPTY).size())
                .put("receipt_count", records.refs().array("receipts").orElse(JsonArray.EMPTY).size())
                .putOmitEmpty("intent_results", new JsonArray(links.values().stream().<JsonValue>map(JsonObject.Builder::build).toList()))
                .build();
    }
}
