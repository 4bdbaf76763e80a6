package dev.gait.fleet.api;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import dev.gait.core.error.GaitException;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.Reply;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Request and reply bodies of the fleet API. */
final class Json {

    private Json() {}

    static JsonObject body(HttpCall call) {
        return JsonReader.strict().readObject(call.body());
    }

    static Reply ok(int status, String member, JsonValue value) {
        return Reply.json(status, JsonObject.builder().put("ok", true).put(member, value).build());
    }

    static Reply list(String member, List<JsonObject> items) {
        return ok(200, member, new JsonArray(List.copyOf(items)));
    }

    /** A member that must be an object of strings, such as labels; absent reads as empty. */
    static Map<String, String> stringMap(JsonObject json, String member) {
        Map<String, String> map = new TreeMap<>();
        for (Map.Entry<String, JsonValue> entry : json.object(member).orElse(JsonObject.EMPTY).members().entrySet()) {
            if (!(entry.getValue() instanceof JsonString value)) {
                throw GaitException.invalidInput(member + "." + entry.getKey() + " must be a string");
            }
            map.put(entry.getKey(), value.value());
        }
        return map;
    }

    static JsonObject strings(Map<String, String> map) {
        JsonObject.Builder json = JsonObject.builder();
        map.forEach(json::put);
        return json.build();
    }

    /** A required, non-empty string member. */
    static String required(JsonObject json, String member) {
        String value = json.string(member).orElse("");
        if (value.isBlank()) {
            throw GaitException.invalidInput("missing " + member);
        }
        return value;
    }
}
