package dev.gait.core.context;

import dev.gait.core.canon.GoTime;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.Receipt;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A context evidence envelope ({@code gait.context.envelope} 1.0.0): the set of retrievals an agent
 * read, each with query and content digests. Parsing is strict (unknown members rejected, at most
 * 1 MiB); records are normalised and sorted, and {@code context_set_digest} is the digest of the
 * normalised records, which must match a digest the envelope states.
 */
public record ContextEnvelope(String contextSetId, String contextSetDigest, String evidenceMode, List<Receipt> records,
                              java.time.OffsetDateTime createdAt) {
    public static final String SCHEMA_ID = "gait.context.envelope";
    public static final int MAX_BYTES = 1024 * 1024;

    private static final Set<String> TOP_LEVEL = Set.of("schema_id", "schema_version", "created_at", "producer_version",
            "context_set_id", "context_set_digest", "evidence_mode", "records");
    private static final Set<String> RECORD = Set.of("ref_id", "source_type", "source_locator", "query_digest",
            "content_digest", "retrieved_at", "redaction_mode", "immutability", "sensitivity_label",
            "freshness_sla_seconds", "retrieval_params");
    private static final Set<String> IMMUTABILITY = Set.of("unknown", "mutable", "immutable");

    public ContextEnvelope {
        records = List.copyOf(records);
    }

    /**
     * @param allowRawRedaction whether records with {@code redaction_mode: raw} are accepted
     *                          ({@code --unsafe-context-raw})
     */
    public static ContextEnvelope parse(byte[] bytes, boolean allowRawRedaction) {
        if (bytes.length > MAX_BYTES) {
            throw invalid("is larger than " + MAX_BYTES + " bytes");
        }
        JsonObject json;
        try {
            json = JsonReader.strict().readObject(bytes);
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
        rejectUnknown(json, TOP_LEVEL, "envelope");
        String schemaId = text(json, "schema_id");
        if (!schemaId.isEmpty() && !schemaId.equals(SCHEMA_ID)) {
            throw invalid("schema_id must be " + SCHEMA_ID);
        }
        String setId = text(json, "context_set_id").strip();
        if (setId.isEmpty()) {
            throw invalid("context_set_id is required");
        }
        String mode = text(json, "evidence_mode").strip();
        if (mode.isEmpty()) {
            mode = "best_effort";
        } else if (!mode.equals("best_effort") && !mode.equals("required")) {
            throw invalid("evidence_mode must be best_effort or required");
        }
        List<Receipt> records = new ArrayList<>();
        for (JsonValue value : json.array("records").orElse(JsonArray.EMPTY).elements()) {
            if (!(value instanceof JsonObject record)) {
                throw invalid("records[] must be objects");
            }
            records.add(record(record, allowRawRedaction));
        }
        records.sort(Comparator.comparing(Receipt::refId).thenComparing(Receipt::sourceType)
                .thenComparing(Receipt::sourceLocator).thenComparing(Receipt::contentDigest));
        String digest = digest(records);
        String stated = text(json, "context_set_digest").toLowerCase(Locale.ROOT);
        if (!stated.isEmpty() && !stated.equals(digest)) {
            throw invalid("context_set_digest does not match its records");
        }
        String createdText = text(json, "created_at").strip();
        java.time.OffsetDateTime createdAt = null;
        if (!createdText.isEmpty()) {
            try {
                createdAt = GoTime.parse(createdText);
            } catch (IllegalArgumentException e) {
                throw invalid("created_at: " + e.getMessage());
            }
        }
        return new ContextEnvelope(setId, digest, mode, records, createdAt);
    }

    /**
     * The age in whole seconds of the oldest record at {@code now} (the envelope's own age when it
     * has no records); -1 when nothing says when the context was read.
     */
    public long maxAgeSeconds(java.time.Instant now) {
        java.util.Optional<java.time.Instant> oldest = records.stream().map(r -> r.retrievedAt().toInstant()).min(java.time.Instant::compareTo);
        java.time.Instant reference = oldest.orElse(createdAt == null ? null : createdAt.toInstant());
        return reference == null ? -1 : java.time.Duration.between(reference, now).toSeconds();
    }

    /** The digest of the normalised records array. */
    public static String digest(List<Receipt> records) {
        return Digests.jcsHex(new JsonArray(records.stream().<JsonValue>map(Receipt::toJson).toList()));
    }

    private static Receipt record(JsonObject json, boolean allowRawRedaction) {
        rejectUnknown(json, RECORD, "record");
        String refId = required(json, "ref_id");
        String queryDigest = digestField(json, "query_digest", refId);
        String contentDigest = digestField(json, "content_digest", refId);
        String redaction = required(json, "redaction_mode");
        if (redaction.equalsIgnoreCase("raw") && !allowRawRedaction) {
            throw invalid("record " + refId + " has redaction_mode raw; pass --unsafe-context-raw to accept raw context");
        }
        String immutability = text(json, "immutability").toLowerCase(Locale.ROOT);
        immutability = immutability.isEmpty() ? "unknown" : immutability;
        if (!IMMUTABILITY.contains(immutability)) {
            throw invalid("record " + refId + ": immutability must be unknown, mutable or immutable");
        }
        OffsetDateTime retrievedAt;
        try {
            retrievedAt = GoTime.parse(required(json, "retrieved_at")).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw invalid("record " + refId + ": " + e.getMessage());
        }
        double freshness = json.get("freshness_sla_seconds").map(v -> {
            if (!(v instanceof JsonNumber n) || n.value() < 0 || n.value() != Math.rint(n.value())) {
                throw invalid("record " + refId + ": freshness_sla_seconds must be a whole number of seconds");
            }
            return n.value();
        }).orElse(0.0);
        return new Receipt(refId, required(json, "source_type"), required(json, "source_locator"), queryDigest,
                contentDigest, retrievedAt, redaction, immutability, freshness, text(json, "sensitivity_label"),
                json.object("retrieval_params").orElse(null));
    }

    private static String digestField(JsonObject json, String key, String refId) {
        String digest = required(json, key).toLowerCase(Locale.ROOT);
        if (!Digests.isSha256Hex(digest)) {
            throw invalid("record " + refId + ": " + key + " must be a SHA-256 hex digest");
        }
        return digest;
    }

    private static void rejectUnknown(JsonObject json, Set<String> allowed, String what) {
        for (String member : json.members().keySet()) {
            if (!allowed.contains(member)) {
                throw invalid(what + " has unknown member " + member);
            }
        }
    }

    private static String required(JsonObject json, String key) {
        String value = text(json, key).strip();
        if (value.isEmpty()) {
            throw invalid(key + " is required in every record");
        }
        return value;
    }

    private static String text(JsonObject json, String key) {
        if (json.has(key) && json.string(key).isEmpty()) {
            throw invalid(key + " must be a string");
        }
        return json.string(key).orElse("");
    }

    private static GaitException invalid(String message) {
        return GaitException.invalidInput("invalid context envelope: " + message);
    }
}
