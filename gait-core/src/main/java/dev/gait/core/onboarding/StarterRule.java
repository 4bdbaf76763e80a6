package dev.gait.core.onboarding;

import dev.gait.core.json.JsonObject;
import java.util.List;

/** A rule {@code gait init} suggests from repository signals; it is written as a comment, never enforced unasked. */
public record StarterRule(String id, String name, String effect, int priority, List<String> toolNames, List<String> reasonCodes,
                          String rationale) {

    public StarterRule {
        toolNames = List.copyOf(toolNames);
        reasonCodes = List.copyOf(reasonCodes);
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("id", id)
                .put("name", name)
                .put("effect", effect)
                .put("priority", priority)
                .putStringsOmitEmpty("match_tool_names", toolNames)
                .putStringsOmitEmpty("reason_codes", reasonCodes)
                .put("confidence", "high")
                .put("rationale", rationale)
                .build();
    }

    /** The rule as the commented YAML {@code gait init} writes above the template. */
    List<String> commentLines() {
        return List.of(
                "#   - id: " + id,
                "#     rationale: " + rationale,
                "#     suggested_yaml:",
                "#       - name: " + name,
                "#         priority: " + priority,
                "#         effect: " + effect,
                "#         match.tool_names: [" + String.join(", ", toolNames) + "]",
                "#         reason_codes: [" + String.join(", ", reasonCodes) + "]");
    }
}
