package dev.gait.core.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads JSON objects the way Go decodes them into a struct with {@code DisallowUnknownFields}:
 * unknown members and members of the wrong type are errors, absent and {@code null} members read
 * as zero values. Every failure is a {@link JsonException} naming the member.
 */
public final class StrictMembers {

    private StrictMembers() {}

    /** Fails on any member not in {@code allowed}. */
    public static void only(JsonObject json, Set<String> allowed, String what) {
        for (String member : json.members().keySet()) {
            if (!allowed.contains(member)) {
                throw new JsonException(what + ": unknown member " + member);
            }
        }
    }

    public static String string(JsonObject json, String key) {
        JsonValue value = present(json, key);
        if (value == null) {
            return "";
        }
        if (value instanceof JsonString string) {
            return string.value();
        }
        throw wrongType(key, "a string");
    }

    /** A whole number (JSON numbers are doubles; Go's int fields reject fractions). */
    public static long integer(JsonObject json, String key) {
        JsonValue value = present(json, key);
        if (value == null) {
            return 0;
        }
        if (value instanceof JsonNumber number && number.value() == Math.rint(number.value())) {
            return (long) number.value();
        }
        throw wrongType(key, "a whole number");
    }

    public static Optional<JsonObject> object(JsonObject json, String key) {
        JsonValue value = present(json, key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonObject object) {
            return Optional.of(object);
        }
        throw wrongType(key, "an object");
    }

    /** An array of objects; absent or {@code null} reads as empty. */
    public static List<JsonObject> objects(JsonObject json, String key) {
        JsonValue value = present(json, key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw wrongType(key, "an array");
        }
        List<JsonObject> objects = new ArrayList<>();
        for (JsonValue element : array.elements()) {
            if (!(element instanceof JsonObject object)) {
                throw wrongType(key + "[]", "an object");
            }
            objects.add(object);
        }
        return objects;
    }

    private static JsonValue present(JsonObject json, String key) {
        JsonValue value = json.members().get(key);
        return value == null || value == JsonNull.INSTANCE ? null : value;
    }

    private static JsonException wrongType(String key, String expected) {
        return new JsonException(key + " must be " + expected);
    }
}
