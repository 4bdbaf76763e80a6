package dev.gait.core.runpack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.json.StrictMembers;
import dev.gait.core.relationship.RelationshipEnvelope;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code gait run record} reads: {@code {run, intents[], results[], refs, capture_mode,
 * normalization{intent_args, result_payloads}}}. Empty fields are filled by the recorder. Unknown
 * members are ignored, as in Gait v1; members of the wrong type are errors.
 */
public record RecordInput(
        Run run, List<Intent> intents, List<Result> results, Refs refs, String captureMode,
        Map<String, JsonObject> intentArgs, Map<String, JsonObject> resultPayloads) {

    public record Run(String schemaId, String schemaVersion, OffsetDateTime createdAt, String producerVersion,
                      String runId, RunRecord.Env env, List<RunRecord.TimelineEvent> timeline) {}

    public record Intent(String intentId, String toolName, String argsDigest, JsonObject args) {}

    public record Result(String intentId, String status, String resultDigest, JsonObject result) {}

    public record Refs(List<Receipt> receipts, String contextSetDigest, String contextEvidenceMode, long contextRefCount) {}

    /** The same input with another run id; every record takes the run's id. */
    public RecordInput withRunId(String runId) {
        Run r = run;
        return new RecordInput(new Run(r.schemaId(), r.schemaVersion(), r.createdAt(), r.producerVersion(), runId, r.env(),
                r.timeline()), intents, results, refs, captureMode, intentArgs, resultPayloads);
    }

    public RecordInput withProducerVersion(String producerVersion) {
        Run r = run;
        return new RecordInput(new Run(r.schemaId(), r.schemaVersion(), r.createdAt(), producerVersion, r.runId(), r.env(),
                r.timeline()), intents, results, refs, captureMode, intentArgs, resultPayloads);
    }

    /**
     * The same input with other results. Trace receipts are re-derived from the new results, and
     * dropped for calls left without one.
     */
    public RecordInput withResults(List<Result> newResults) {
        java.util.Set<String> answered = new java.util.HashSet<>();
        newResults.forEach(r -> answered.add(r.intentId()));
        List<Receipt> receipts = new ArrayList<>();
        for (Receipt receipt : refs.receipts()) {
            if (!RunpackRecorder.TRACE_SOURCE.equals(receipt.sourceType()) || !receipt.refId().startsWith("trace_")) {
                receipts.add(receipt);
            } else if (answered.contains(receipt.refId().substring("trace_".length()))) {
                receipts.add(receipt.withDigests("", ""));
            }
        }
        return new RecordInput(run, intents, newResults,
                new Refs(receipts, refs.contextSetDigest(), refs.contextEvidenceMode(), refs.contextRefCount()),
                captureMode, intentArgs, Map.of());
    }

    /** The same input with one more receipt. */
    public RecordInput withReceipt(Receipt receipt) {
        List<Receipt> receipts = new ArrayList<>(refs.receipts());
        receipts.add(receipt);
        return new RecordInput(run, intents, results,
                new Refs(receipts, refs.contextSetDigest(), refs.contextEvidenceMode(), refs.contextRefCount()),
                captureMode, intentArgs, resultPayloads);
    }

    public RecordInput withContextEvidenceMode(String mode) {
        return new RecordInput(run, intents, results,
                new Refs(refs.receipts(), refs.contextSetDigest(), mode, refs.contextRefCount()),
                captureMode, intentArgs, resultPayloads);
    }

    /** The same input with its receipts replaced by a context envelope's records. */
    public RecordInput withContext(List<Receipt> receipts, String contextSetDigest, String mode) {
        return new RecordInput(run, intents, results, new Refs(receipts, contextSetDigest, mode, receipts.size()),
                captureMode, intentArgs, resultPayloads);
    }

    /** The input that records {@code records} again (used to migrate packs to this writer). */
    public static RecordInput fromRunpack(RunpackReader.Records records) {
        return fromJson(JsonObject.builder()
                .put("run", records.run())
                .put("intents", new JsonArray(List.<JsonValue>copyOf(records.intents())))
                .put("results", new JsonArray(List.<JsonValue>copyOf(records.results())))
                .put("refs", records.refs())
                .put("capture_mode", records.manifest().string("capture_mode").orElse(""))
                .build());
    }

    public static RecordInput fromJson(JsonObject json) {
        try {
            return parse(json);
        } catch (JsonException e) {
            throw GaitException.invalidInput("invalid record input: " + e.getMessage(), e);
        }
    }

    private static RecordInput parse(JsonObject json) {
        JsonObject run = object(json, "run");
        JsonObject env = object(run, "env");
        JsonObject refs = object(json, "refs");
        JsonObject normalization = object(json, "normalization");
        return new RecordInput(
                new Run(string(run, "schema_id"), string(run, "schema_version"), time(run, "created_at"),
                        string(run, "producer_version"), string(run, "run_id"),
                        new RunRecord.Env(string(env, "os"), string(env, "arch"), string(env, "runtime")),
                        objects(run, "timeline").stream().map(RecordInput::timelineEvent).toList()),
                objects(json, "intents").stream().map(i -> new Intent(string(i, "intent_id"), string(i, "tool_name"),
                        string(i, "args_digest"), optionalObject(i, "args"))).toList(),
                objects(json, "results").stream().map(r -> new Result(string(r, "intent_id"), string(r, "status"),
                        string(r, "result_digest"), optionalObject(r, "result"))).toList(),
                new Refs(objects(refs, "receipts").stream().map(RecordInput::receipt).toList(),
                        string(refs, "context_set_digest"), string(refs, "context_evidence_mode"),
                        (long) number(refs, "context_ref_count")),
                string(json, "capture_mode"),
                objectMap(normalization, "intent_args"),
                objectMap(normalization, "result_payloads"));
    }

    private static RunRecord.TimelineEvent timelineEvent(JsonObject e) {
        OffsetDateTime ts = time(e, "ts");
        return new RunRecord.TimelineEvent(string(e, "event"), ts == null ? GoTime.ZERO : ts, string(e, "ref"),
                RelationshipEnvelope.normalize(optionalObject(e, "relationship")));
    }

    private static Receipt receipt(JsonObject r) {
        return new Receipt(string(r, "ref_id"), string(r, "source_type"), string(r, "source_locator"),
                string(r, "query_digest"), string(r, "content_digest"), time(r, "retrieved_at"),
                string(r, "redaction_mode"), string(r, "immutability"), number(r, "freshness_sla_seconds"),
                string(r, "sensitivity_label"), optionalObject(r, "retrieval_params"));
    }

    // Go decodes absent and null members to zero values; any other type mismatch is an error.

    private static String string(JsonObject json, String key) {
        return StrictMembers.string(json, key);
    }

    private static double number(JsonObject json, String key) {
        Optional<JsonValue> value = json.get(key);
        if (value.isEmpty() || value.get() == dev.gait.core.json.JsonNull.INSTANCE) {
            return 0;
        }
        if (value.get() instanceof JsonNumber number) {
            return number.value();
        }
        throw wrongType(key, "a number");
    }

    private static OffsetDateTime time(JsonObject json, String key) {
        String text = string(json, key);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return GoTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw GaitException.invalidInput(key + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject object(JsonObject json, String key) {
        return StrictMembers.object(json, key).orElse(JsonObject.EMPTY);
    }

    private static JsonObject optionalObject(JsonObject json, String key) {
        return StrictMembers.object(json, key).orElse(null);
    }

    private static List<JsonObject> objects(JsonObject json, String key) {
        return StrictMembers.objects(json, key);
    }

    private static Map<String, JsonObject> objectMap(JsonObject json, String key) {
        JsonObject map = object(json, key);
        Map<String, JsonObject> result = new java.util.LinkedHashMap<>();
        for (String name : map.members().keySet()) {
            result.put(name, object(map, name));
        }
        return result;
    }

    private static JsonException wrongType(String key, String expected) {
        return new JsonException(key + " must be " + expected);
    }
}
