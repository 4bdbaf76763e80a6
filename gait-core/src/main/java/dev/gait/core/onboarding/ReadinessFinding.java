package dev.gait.core.onboarding;

import dev.gait.core.json.JsonObject;
import java.util.List;

/** One {@code gait check} finding: what is missing or risky in a policy for this repository, and what to do. */
public record ReadinessFinding(String code, String severity, String summary, String detectedSurface, String remediation,
                               List<String> evidence) {

    public ReadinessFinding {
        evidence = List.copyOf(evidence);
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("code", code)
                .put("severity", severity)
                .put("summary", summary)
                .putOmitEmpty("detected_surface", detectedSurface)
                .putOmitEmpty("remediation", remediation)
                .putStringsOmitEmpty("evidence", evidence)
                .build();
    }
}
