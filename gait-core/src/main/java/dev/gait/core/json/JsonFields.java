package dev.gait.core.json;

import dev.gait.core.error.GaitException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a document's members with Go's decoding rules: an absent or {@code null} member
 * reads as the zero value; any other type mismatch is invalid input naming the document and member.
 */
public final class JsonFields {

    /** Whole numbers up to 2^53 are exact as doubles; larger ones cannot be told apart. */
    private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992d;

    private final JsonObject json;
    private final String document;

    private JsonFields(JsonObject json, String document) {
        this.json = json;
        this.document = document;
    }

    /** @param document how errors name the document, e.g. a file path */
    public static JsonFields of(JsonObject json, String document) {
        return new JsonFields(json, document);
    }

    public String string(String key) {
        JsonValue value = value(key);
        if (value == null) {
            return "";
        }
        if (value instanceof JsonString string) {
            return string.value();
        }
        throw wrongType(key, "a string");
    }

    public boolean bool(String key) {
        JsonValue value = value(key);
        if (value == null) {
            return false;
        }
        if (value instanceof JsonBoolean bool) {
            return bool.value();
        }
        throw wrongType(key, "true or false");
    }

    public long integer(String key) {
        JsonValue value = value(key);
        if (value == null) {
            return 0;
        }
        if (value instanceof JsonNumber number && number.value() == Math.rint(number.value())
                && Math.abs(number.value()) <= MAX_EXACT_INTEGER) {
            return (long) number.value();
        }
        throw wrongType(key, "an integer");
    }

    public List<String> strings(String key) {
        JsonValue value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw wrongType(key, "an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonValue element : array.elements()) {
            if (!(element instanceof JsonString string)) {
                throw wrongType(key, "an array of strings");
            }
            strings.add(string.value());
        }
        return strings;
    }

    public List<JsonFields> objects(String key) {
        JsonValue value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw wrongType(key, "an array of objects");
        }
        List<JsonFields> objects = new ArrayList<>();
        for (JsonValue element : array.elements()) {
            if (!(element instanceof JsonObject object)) {
                throw wrongType(key, "an array of objects");
            }
            objects.add(new JsonFields(object, document));
        }
        return objects;
    }

    private JsonValue value(String key) {
        JsonValue value = json.members().get(key);
        return value == JsonNull.INSTANCE ? null : value;
    }

    private GaitException wrongType(String key, String expected) {
        return GaitException.invalidInput(document + ": " + key + " must be " + expected);
    }
}
