package dev.gait.core.json;

public enum JsonBoolean implements JsonValue {
    TRUE,
    FALSE;

    public boolean value() {
        return this == TRUE;
    }

    @Override
    public boolean isEmpty() {
        return this == FALSE;
    }
}
