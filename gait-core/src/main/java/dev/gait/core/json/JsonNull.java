package dev.gait.core.json;

public enum JsonNull implements JsonValue {
    INSTANCE;

    @Override
    public boolean isEmpty() {
        return true;
    }
}
