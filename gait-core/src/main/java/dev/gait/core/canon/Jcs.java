package dev.gait.core.canon;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNull;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme: members sorted by UTF-16 code units, no whitespace,
 * ECMAScript number form, and only the escapes the RFC requires (non-ASCII stays raw UTF-8).
 */
public final class Jcs {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Jcs() {}

    public static byte[] canonicalize(JsonValue value) {
        return canonicalString(value).getBytes(StandardCharsets.UTF_8);
    }

    public static String canonicalString(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, JsonValue value) {
        switch (value) {
            case JsonObject object -> writeObject(out, object);
            case JsonArray array -> writeArray(out, array);
            case JsonString string -> writeString(out, string.value());
            case JsonNumber number -> out.append(Es6Number.format(number.value()));
            case JsonBoolean bool -> out.append(bool.value() ? "true" : "false");
            case JsonNull ignored -> out.append("null");
        }
    }

    private static void writeObject(StringBuilder out, JsonObject object) {
        // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 section 3.2.3 requires.
        List<Map.Entry<String, JsonValue>> entries = new ArrayList<>(object.members().entrySet());
        entries.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> entry : entries) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, entry.getKey());
            out.append(':');
            write(out, entry.getValue());
        }
        out.append('}');
    }

    private static void writeArray(StringBuilder out, JsonArray array) {
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(out, array.get(i));
        }
        out.append(']');
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
