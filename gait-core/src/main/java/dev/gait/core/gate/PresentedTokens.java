package dev.gait.core.gate;

import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Approval or delegation tokens as a caller presented them, with the keys that verify them. A
 * token that did not parse is given as null and counts as invalid.
 */
public record PresentedTokens(List<JsonObject> tokens, List<byte[]> verifyKeys) {
    public PresentedTokens {
        tokens = Collections.unmodifiableList(new ArrayList<>(tokens));
        verifyKeys = List.copyOf(verifyKeys);
    }

    /** A token from its bytes (a file's content): the JSON object, or null when it is not one. */
    public static JsonObject token(byte[] bytes) {
        try {
            return JsonReader.strict().readObject(bytes);
        } catch (JsonException e) {
            return null;
        }
    }

    /** A token from a JSON value (a member of a request): the object, or null when it is not one. */
    public static JsonObject token(JsonValue value) {
        return value instanceof JsonObject object ? object : null;
    }
}
