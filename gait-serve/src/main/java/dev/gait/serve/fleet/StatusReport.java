package dev.gait.serve.fleet;

import dev.gait.core.json.JsonObject;
import java.util.Map;

/**
 * What an enforcement point tells the control plane about itself ({@code gait.fleet.status_report}):
 * the bundle in force (empty digest and sequence 0 when none has verified) and its decisions so far
 * by verdict.
 */
public record StatusReport(String enforcementPoint, String environment, String bundleDigest, long bundleSequence,
                           Map<String, Long> decisionsByVerdict) {
    public static final String SCHEMA_ID = "gait.fleet.status_report";

    public JsonObject toJson() {
        JsonObject.Builder decisions = JsonObject.builder();
        decisionsByVerdict.forEach(decisions::put);
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("enforcement_point", enforcementPoint)
                .put("environment", environment)
                .putOmitEmpty("bundle_digest", bundleDigest)
                .put("bundle_sequence", bundleSequence)
                .put("decisions", decisions.build())
                .build();
    }
}
