package dev.gait.core.gate;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNull;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads of intent members with Go's decoding rules: absent and {@code null} read as zero
 * values, any other type mismatch is invalid input. Every error names the member.
 */
final class IntentFields {

    private IntentFields() {}

    static String text(JsonObject json, String key) {
        Optional<JsonValue> value = json.get(key);
        if (value.isEmpty() || value.get() == JsonNull.INSTANCE) {
            return "";
        }
        if (value.get() instanceof JsonString s) {
            return s.value();
        }
        throw invalid(key + " must be a string");
    }

    static String trimmed(JsonObject json, String key) {
        return GoStrings.trimSpace(text(json, key));
    }

    static String lower(JsonObject json, String key) {
        return trimmed(json, key).toLowerCase(Locale.ROOT);
    }

    static boolean bool(JsonObject json, String key) {
        Optional<JsonValue> value = json.get(key);
        if (value.isEmpty() || value.get() == JsonNull.INSTANCE) {
            return false;
        }
        if (value.get() instanceof JsonBoolean b) {
            return b.value();
        }
        throw invalid(key + " must be a boolean");
    }

    static long wholeNumber(JsonObject json, String key) {
        Optional<JsonValue> value = json.get(key);
        if (value.isEmpty() || value.get() == JsonNull.INSTANCE) {
            return 0;
        }
        if (value.get() instanceof JsonNumber n && n.value() == Math.rint(n.value()) && Math.abs(n.value()) < 9.007199254740992E15) {
            return (long) n.value();
        }
        throw invalid(key + " must be a whole number");
    }

    static JsonObject object(JsonObject json, String key) {
        Optional<JsonValue> value = json.get(key);
        if (value.isEmpty() || value.get() == JsonNull.INSTANCE) {
            return null;
        }
        if (value.get() instanceof JsonObject o) {
            return o;
        }
        throw invalid(key + " must be an object");
    }

    static List<JsonObject> objects(JsonObject json, String key) {
        List<JsonObject> objects = new ArrayList<>();
        for (JsonValue element : array(json, key)) {
            if (!(element instanceof JsonObject object)) {
                throw invalid(key + "[] entries must be objects");
            }
            objects.add(object);
        }
        return objects;
    }

    static List<String> strings(JsonObject json, String key) {
        List<String> strings = new ArrayList<>();
        for (JsonValue element : array(json, key)) {
            if (!(element instanceof JsonString s)) {
                throw invalid(key + "[] entries must be strings");
            }
            strings.add(s.value());
        }
        return strings;
    }

    /** Trimmed, without empties, de-duplicated and byte-order sorted. */
    static List<String> sortedSet(List<String> values, boolean lowercase) {
        TreeSet<String> set = new TreeSet<>(GoStrings.BYTE_ORDER);
        for (String value : values) {
            String v = lowercase ? GoStrings.trimSpace(value).toLowerCase(Locale.ROOT) : GoStrings.trimSpace(value);
            if (!v.isEmpty()) {
                set.add(v);
            }
        }
        return List.copyOf(set);
    }

    private static List<JsonValue> array(JsonObject json, String key) {
        Optional<JsonValue> value = json.get(key);
        if (value.isEmpty() || value.get() == JsonNull.INSTANCE) {
            return List.of();
        }
        if (value.get() instanceof JsonArray a) {
            return a.elements();
        }
        throw invalid(key + " must be an array");
    }

    static String oneOf(String value, Set<String> allowed, String key) {
        if (!value.isEmpty() && !allowed.contains(value)) {
            throw invalid(key + " must be one of " + new TreeSet<>(allowed) + ", got " + value);
        }
        return value;
    }

    static GaitException invalid(String message) {
        return GaitException.invalidInput("invalid intent: " + message);
    }
}
