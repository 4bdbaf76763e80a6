package dev.gait.client.json;

/** Text that is not the JSON document it should be. */
public final class JsonFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public JsonFormatException(String message) {
        super("invalid JSON: " + message);
    }
}
