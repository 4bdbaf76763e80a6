package dev.gait.core.json;

/** Malformed JSON, or a value that JSON cannot represent. */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message);
    }

    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
