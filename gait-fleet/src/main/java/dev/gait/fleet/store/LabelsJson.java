package dev.gait.fleet.store;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** Label maps in TEXT columns, as canonical JSON objects of strings. */
final class LabelsJson {

    private LabelsJson() {}

    static String write(Map<String, String> labels) {
        return Jcs.canonicalString(toJson(labels));
    }

    static JsonObject toJson(Map<String, String> labels) {
        JsonObject.Builder json = JsonObject.builder();
        labels.forEach(json::put);
        return json.build();
    }

    static Map<String, String> read(String text) {
        return fromJson((JsonObject) JsonReader.strict().read(text));
    }

    static Map<String, String> fromJson(JsonObject json) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : json.members().entrySet()) {
            labels.put(member.getKey(), ((JsonString) member.getValue()).value());
        }
        return labels;
    }
}
