package dev.gait.core.regress;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one grader found for one fixture.
 *
 * @param reasonCodes why it failed, or how it passed; may be empty
 * @param contextConformance the context drift the context grader saw ({@code none}, {@code runtime_only},
 *     {@code semantic}, {@code missing}); empty for the other graders
 */
public record GraderResult(String name, boolean passed, List<String> reasonCodes, String contextConformance,
                           JsonObject details) {

    public GraderResult {
        reasonCodes = List.copyOf(reasonCodes);
    }

    static GraderResult pass(String name, List<String> reasonCodes, JsonObject details) {
        return new GraderResult(name, true, reasonCodes, "", details);
    }

    static GraderResult fail(String name, String reasonCode, JsonObject details) {
        return new GraderResult(name, false, List.of(reasonCode), "", details);
    }

    static JsonObject error(Exception e) {
        return JsonObject.builder().put("error", e.getMessage() == null ? e.toString() : e.getMessage()).build();
    }

    GraderResult withContextConformance(String classification) {
        return new GraderResult(name, passed, reasonCodes, classification, details);
    }

    public String status() {
        return passed ? "pass" : "fail";
    }

    /** Members in Gait v1's order; {@code details} is a map there, so its members are sorted. */
    public JsonObject toJson() {
        Map<String, JsonValue> sorted = new TreeMap<>(GoStrings.BYTE_ORDER);
        sorted.putAll(details.members());
        return JsonObject.builder()
                .put("name", name)
                .put("status", status())
                .putStrings("reason_codes", reasonCodes)
                .putOmitEmpty("context_conformance", contextConformance)
                .put("details", new JsonObject(sorted))
                .build();
    }
}
