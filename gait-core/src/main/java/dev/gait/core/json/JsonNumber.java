package dev.gait.core.json;

/** A JSON number held as a double; non-finite values cannot be represented in JSON. */
public record JsonNumber(double value) implements JsonValue {
    public JsonNumber {
        if (!Double.isFinite(value)) {
            throw new JsonException("JSON numbers must be finite, got " + value);
        }
    }

    @Override
    public boolean isEmpty() {
        return value == 0;
    }
}
