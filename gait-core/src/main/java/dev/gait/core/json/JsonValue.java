package dev.gait.core.json;

/**
 * An immutable JSON value. Numbers are IEEE-754 doubles, as Go's {@code encoding/json} decodes
 * them into generic values; that is what makes Gait's digests reproducible.
 */
public sealed interface JsonValue
        permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /** Go's {@code omitempty} notion of empty: "", 0, false, null, and empty arrays and objects. */
    boolean isEmpty();

    static JsonString of(String value) {
        return new JsonString(value);
    }

    static JsonNumber of(double value) {
        return new JsonNumber(value);
    }

    static JsonBoolean of(boolean value) {
        return value ? JsonBoolean.TRUE : JsonBoolean.FALSE;
    }
}
