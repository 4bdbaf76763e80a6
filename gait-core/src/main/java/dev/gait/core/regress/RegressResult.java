package dev.gait.core.regress;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code regress_result.json} ({@code gait.regress.result} 1.0.0).
 *
 * @param createdAt the {@code created_at} of the first fixture's run, never the clock
 * @param graders every grader's result, sorted by name
 */
public record RegressResult(OffsetDateTime createdAt, String producerVersion, String fixtureSet, List<GraderResult> graders) {

    public static final String SCHEMA_ID = "gait.regress.result";
    public static final String SCHEMA_VERSION = "1.0.0";

    public RegressResult {
        graders = List.copyOf(graders);
    }

    public long failed() {
        return graders.stream().filter(grader -> !grader.passed()).count();
    }

    public boolean passed() {
        return failed() == 0;
    }

    public String status() {
        return passed() ? "pass" : "fail";
    }

    /** The first reason code of the first failing grader ({@code grader_failed} if it has none); empty on a pass. */
    public String topFailureReason() {
        return graders.stream().filter(grader -> !grader.passed()).findFirst()
                .map(grader -> grader.reasonCodes().isEmpty() ? "grader_failed" : grader.reasonCodes().getFirst())
                .orElse("");
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", SCHEMA_VERSION)
                .put("created_at", createdAt)
                .put("producer_version", producerVersion)
                .put("fixture_set", fixtureSet)
                .put("status", status())
                .put("graders", new JsonArray(graders.stream().<JsonValue>map(GraderResult::toJson).toList()))
                .build();
    }

    public byte[] toBytes() {
        return IndentedJson.bytes(toJson());
    }
}
