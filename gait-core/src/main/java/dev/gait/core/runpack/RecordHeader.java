package dev.gait.core.runpack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * The members every runpack record carries: {@code schema_id}, {@code schema_version},
 * {@code created_at}, {@code producer_version} and {@code run_id}. Records copy them from the run.
 */
public record RecordHeader(String runId, OffsetDateTime createdAt, String producerVersion) {
    public static final String SCHEMA_VERSION = "1.0.0";

    JsonObject.Builder start(String schemaId) {
        return JsonObject.builder()
                .put("schema_id", schemaId)
                .put("schema_version", SCHEMA_VERSION)
                .put("created_at", GoTime.format(createdAt))
                .put("producer_version", producerVersion)
                .put("run_id", runId);
    }

    RecordHeader withRunId(String newRunId) {
        return new RecordHeader(newRunId, createdAt, producerVersion);
    }
}
