package dev.gait.core.canon;

import dev.gait.core.json.JsonValue;
import java.nio.charset.StandardCharsets;

/**
 * RFC 8785 JSON Canonicalization Scheme: members sorted by UTF-16 code units, no whitespace,
 * ECMAScript number form, and only the escapes the RFC requires (non-ASCII stays raw UTF-8).
 * Duplicate member names are rejected when the document is read ({@code JsonReader.strict()}).
 */
public final class Jcs {

    private Jcs() {}

    public static byte[] canonicalize(JsonValue value) {
        return canonicalString(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String canonicalString(JsonValue value) {
        return JsonWriter.CANONICAL.write(value);
    }
}
