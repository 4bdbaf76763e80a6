package dev.gait.core.runpack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonObject;
import java.time.OffsetDateTime;

/** A retrieval receipt in {@code refs.json}: what was read, from where, with which digests. */
public record Receipt(
        String refId, String sourceType, String sourceLocator, String queryDigest, String contentDigest,
        OffsetDateTime retrievedAt, String redactionMode, String immutability, double freshnessSlaSeconds,
        String sensitivityLabel, JsonObject retrievalParams) {

    /** The same receipt with other query and content digests (empty ones are derived again when recording). */
    public Receipt withDigests(String query, String content) {
        return new Receipt(refId, sourceType, sourceLocator, query, content, retrievedAt, redactionMode, immutability,
                freshnessSlaSeconds, sensitivityLabel, retrievalParams);
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("ref_id", refId)
                .put("source_type", sourceType)
                .put("source_locator", sourceLocator)
                .put("query_digest", queryDigest)
                .put("content_digest", contentDigest)
                .put("retrieved_at", GoTime.format(retrievedAt))
                .put("redaction_mode", redactionMode)
                .putOmitEmpty("immutability", immutability)
                .putOmitEmpty("freshness_sla_seconds", freshnessSlaSeconds)
                .putOmitEmpty("sensitivity_label", sensitivityLabel)
                .putOmitEmpty("retrieval_params", retrievalParams)
                .build();
    }
}
