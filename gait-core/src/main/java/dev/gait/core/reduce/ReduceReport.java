package dev.gait.core.reduce;

import dev.gait.core.json.JsonObject;
import java.util.List;

/**
 * {@code gait.runpack.reduce_report} 1.0.0: Gait v1's fields ({@code selected_intent_id} is the
 * first kept intent) plus how the reduction went. No times: the same reduction writes the same bytes.
 */
public record ReduceReport(String runId, String reducedRunId, String predicate, List<String> keptIntentIds,
                           int originalIntentCount, int reducedIntentCount, int originalResultCount,
                           int reducedResultCount, int originalRefCount, int reducedRefCount,
                           int predicateEvaluations, int subsetsTried) {
    public static final String SCHEMA_ID = "gait.runpack.reduce_report";
    public static final String SCHEMA_VERSION = "1.0.0";
    public static final String ALGORITHM = "ddmin";

    public ReduceReport {
        keptIntentIds = List.copyOf(keptIntentIds);
    }

    public String selectedIntentId() {
        return keptIntentIds.isEmpty() ? "" : keptIntentIds.getFirst();
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", SCHEMA_VERSION)
                .put("run_id", runId)
                .put("reduced_run_id", reducedRunId)
                .put("predicate", predicate)
                .put("selected_intent_id", selectedIntentId())
                .put("original_intent_count", originalIntentCount)
                .put("reduced_intent_count", reducedIntentCount)
                .put("original_result_count", originalResultCount)
                .put("reduced_result_count", reducedResultCount)
                .put("original_ref_count", originalRefCount)
                .put("reduced_ref_count", reducedRefCount)
                .put("still_failing", true)
                .put("algorithm", ALGORITHM)
                .putStrings("kept_intent_ids", keptIntentIds)
                .put("predicate_evaluations", predicateEvaluations)
                .put("subsets_tried", subsetsTried)
                .build();
    }
}
