package dev.gait.core.pack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.json.StrictMembers;
import dev.gait.core.runpack.RunpackReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** {@code run_payload.json} ({@code gait.pack.run} 1.0.0): what a run pack says about its run. */
public record RunPayload(String createdAt, String runId, String captureMode, String manifestDigest, long intentsCount,
                         long resultsCount, long refsCount, String contextSetDigest, long contextRefCount,
                         String contextEvidenceMode, String contextPrivacyMode) {
    public static final String SCHEMA_ID = "gait.pack.run";

    private static final Set<String> MEMBERS = Set.of("schema_id", "schema_version", "created_at", "run_id", "capture_mode",
            "manifest_digest", "intents_count", "results_count", "refs_count", "context_set_digest", "context_ref_count",
            "context_evidence_mode", "context_privacy_mode");

    /** The payload of a runpack: its run's time in UTC (1980 when unset), manifest digest, counts and context summary. */
    public static RunPayload of(RunpackReader.Records records) {
        List<JsonValue> receipts = records.refs().array("receipts").orElse(JsonArray.EMPTY).elements();
        return new RunPayload(
                utc(records.run().string("created_at").orElse("")),
                records.run().string("run_id").orElse(""),
                records.manifest().string("capture_mode").orElse(""),
                records.manifest().string("manifest_digest").orElse(""),
                records.intents().size(), records.results().size(), receipts.size(),
                records.refs().string("context_set_digest").orElse(""),
                receipts.size(),
                records.refs().string("context_evidence_mode").orElse(""),
                privacyMode(receipts));
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", createdAt)
                .put("run_id", runId)
                .put("capture_mode", captureMode)
                .put("manifest_digest", manifestDigest)
                .put("intents_count", intentsCount)
                .put("results_count", resultsCount)
                .put("refs_count", refsCount)
                .putOmitEmpty("context_set_digest", contextSetDigest)
                .putOmitEmpty("context_ref_count", contextRefCount)
                .putOmitEmpty("context_evidence_mode", contextEvidenceMode)
                .putOmitEmpty("context_privacy_mode", contextPrivacyMode)
                .build();
    }

    /** Reads a payload strictly and checks it as Gait v1 does; any problem is a {@link JsonException}. */
    public static RunPayload parse(byte[] bytes) {
        JsonObject json = JsonReader.strict().readObject(bytes);
        StrictMembers.only(json, MEMBERS, "run payload");
        if (!StrictMembers.string(json, "schema_id").equals(SCHEMA_ID)) {
            throw new JsonException("run payload schema_id must be " + SCHEMA_ID);
        }
        if (!StrictMembers.string(json, "schema_version").equals("1.0.0")) {
            throw new JsonException("run payload schema_version must be 1.0.0");
        }
        RunPayload payload = new RunPayload(StrictMembers.string(json, "created_at"), StrictMembers.string(json, "run_id"),
                StrictMembers.string(json, "capture_mode"), StrictMembers.string(json, "manifest_digest"),
                StrictMembers.integer(json, "intents_count"), StrictMembers.integer(json, "results_count"),
                StrictMembers.integer(json, "refs_count"), StrictMembers.string(json, "context_set_digest"),
                StrictMembers.integer(json, "context_ref_count"), StrictMembers.string(json, "context_evidence_mode"),
                StrictMembers.string(json, "context_privacy_mode"));
        payload.validate();
        return payload;
    }

    private void validate() {
        try {
            if (GoTime.parse(createdAt).toInstant().equals(GoTime.ZERO.toInstant())) {
                throw new JsonException("run payload created_at is required");
            }
        } catch (IllegalArgumentException e) {
            throw new JsonException("run payload created_at: " + e.getMessage());
        }
        if (runId.isBlank()) {
            throw new JsonException("run payload run_id is required");
        }
        if (!captureMode.equals("reference") && !captureMode.equals("raw")) {
            throw new JsonException("run payload capture_mode must be reference or raw");
        }
        if (!Digests.isSha256Hex(manifestDigest.toLowerCase(java.util.Locale.ROOT))) {
            throw new JsonException("run payload manifest_digest must be sha256 hex");
        }
        if (intentsCount < 0 || resultsCount < 0 || refsCount < 0 || contextRefCount < 0) {
            throw new JsonException("run payload counts must be >= 0");
        }
        if (!contextSetDigest.isBlank() && !Digests.isSha256Hex(contextSetDigest.strip().toLowerCase(java.util.Locale.ROOT))) {
            throw new JsonException("run payload context_set_digest must be sha256 hex");
        }
        String mode = contextEvidenceMode.strip();
        if (!mode.isEmpty() && !mode.equals("best_effort") && !mode.equals("required")) {
            throw new JsonException("run payload context_evidence_mode must be best_effort or required");
        }
    }

    /** Go's {@code normalizeTime}: the zero time becomes 1980-01-01, anything else UTC. */
    static String utc(String text) {
        if (text.isBlank()) {
            return PackFiles.CREATED_AT_TEXT;
        }
        OffsetDateTime time = GoTime.parse(text);
        return time.toInstant().equals(GoTime.ZERO.toInstant()) ? PackFiles.CREATED_AT_TEXT
                : GoTime.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The receipts' redaction mode: one shared mode, {@code mixed}, or empty without receipts. */
    private static String privacyMode(List<JsonValue> receipts) {
        String first = null;
        for (JsonValue receipt : receipts) {
            String mode = receipt instanceof JsonObject object ? object.string("redaction_mode").orElse("").strip() : "";
            mode = mode.isEmpty() ? "unknown" : mode;
            if (first == null) {
                first = mode;
            } else if (!first.equals(mode)) {
                return "mixed";
            }
        }
        return first == null ? "" : first;
    }
}
