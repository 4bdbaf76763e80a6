package dev.gait.core.json;

import dev.gait.core.canon.Es6Number;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON the way Go's {@code encoding/json} marshals a generic map: compact, one line,
 * members sorted by their UTF-8 bytes (code point order), and HTML-safe escaping of {@code <},
 * {@code >}, {@code &}, U+2028 and U+2029. This is the CLI's {@code --json} form; it is not JCS.
 */
public final class GoJsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Comparator<String> UTF8_BYTE_ORDER = GoJsonWriter::compareCodePoints;

    private GoJsonWriter() {}

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, JsonValue value) {
        switch (value) {
            case JsonObject object -> {
                List<Map.Entry<String, JsonValue>> entries = new ArrayList<>(object.members().entrySet());
                entries.sort(Map.Entry.comparingByKey(UTF8_BYTE_ORDER));
                out.append('{');
                for (int i = 0; i < entries.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeString(out, entries.get(i).getKey());
                    out.append(':');
                    write(out, entries.get(i).getValue());
                }
                out.append('}');
            }
            case JsonArray array -> {
                out.append('[');
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, array.get(i));
                }
                out.append(']');
            }
            case JsonString string -> writeString(out, string.value());
            // Go's float64 encoding uses the same shortest digits and the same 1e-6 / 1e21
            // switch to exponent form as ECMAScript.
            case JsonNumber number -> out.append(Es6Number.format(number.value()));
            case JsonBoolean bool -> out.append(bool.value() ? "true" : "false");
            case JsonNull ignored -> out.append("null");
        }
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
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }

    /** UTF-8 byte order equals code point order (which differs from UTF-16 order above U+FFFF). */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
