package dev.gait.core.json;

import java.util.Objects;

public record JsonString(String value) implements JsonValue {
    public JsonString {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean isEmpty() {
        return value.isEmpty();
    }
}
