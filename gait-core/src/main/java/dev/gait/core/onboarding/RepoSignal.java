package dev.gait.core.onboarding;

import dev.gait.core.json.JsonObject;
import java.util.List;

/** One thing the repository shows that a starter policy should care about, with the names that show it. */
public record RepoSignal(String code, String category, String value, String confidence, List<String> evidence, String reason) {

    public RepoSignal {
        evidence = List.copyOf(evidence);
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("code", code)
                .put("category", category)
                .putOmitEmpty("value", value)
                .putOmitEmpty("confidence", confidence)
                .putStringsOmitEmpty("evidence", evidence)
                .putOmitEmpty("reason", reason)
                .build();
    }
}
