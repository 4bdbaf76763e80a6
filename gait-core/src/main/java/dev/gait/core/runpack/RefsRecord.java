package dev.gait.core.runpack;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.util.List;

/** {@code refs.json}: the receipts of what the run read, and its context evidence summary. */
public record RefsRecord(RecordHeader header, List<Receipt> receipts, String contextSetDigest,
                         String contextEvidenceMode, long contextRefCount) {
    public static final String SCHEMA_ID = "gait.runpack.refs";

    public RefsRecord {
        receipts = List.copyOf(receipts);
    }

    public JsonObject toJson() {
        return header.start(SCHEMA_ID)
                .putOmitEmpty("context_set_digest", contextSetDigest)
                .putOmitEmpty("context_evidence_mode", contextEvidenceMode)
                .putOmitEmpty("context_ref_count", contextRefCount)
                .put("receipts", new JsonArray(receipts.stream().<JsonValue>map(Receipt::toJson).toList()))
                .build();
    }
}
