package dev.gait.core.canon;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNull;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON text in the two forms Gait writes. Both use ECMAScript number formatting and the
 * same minimal escapes; they differ in member order and HTML escaping:
 * <ul>
 *   <li>{@link #CANONICAL}: RFC 8785, members by UTF-16 code units, nothing else escaped;</li>
 *   <li>{@link #GO_MAP}: Go's {@code encoding/json} over a map (the CLI's {@code --json}), members
 *       by UTF-8 bytes, and {@code <}, {@code >}, {@code &}, U+2028, U+2029 escaped as {@code \\u…}.
 *       Go's float64 encoding picks the same shortest digits and the same 1e-6 / 1e21 switch to
 *       exponent form as ECMAScript.</li>
 *   <li>{@link #GO_STRUCT}: Go's {@code encoding/json} over a struct, members in declaration
 *       (here: insertion) order, HTML-safe like {@link #GO_MAP}.</li>
 * </ul>
 */
public final class JsonWriter {

    /** RFC 8785 section 3.2.3: String.compareTo is exactly UTF-16 code unit order. */
    public static final JsonWriter CANONICAL = new JsonWriter(Comparator.naturalOrder(), false);
    /** Go map encoding: UTF-8 byte order, which is code point order. */
    public static final JsonWriter GO_MAP = new JsonWriter(GoStrings.BYTE_ORDER, true);
    /** Go struct encoding: members as the object holds them. */
    public static final JsonWriter GO_STRUCT = new JsonWriter(null, true);
    /** Go's {@code MarshalIndent(v, "", "  ")} of a struct: two-space indentation, struct order. */
    public static final JsonWriter GO_STRUCT_INDENTED = new JsonWriter(null, true, "  ");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Comparator<String> memberOrder; // null keeps insertion order
    private final boolean htmlSafe;

    private final String indent; // empty for compact output

    private JsonWriter(Comparator<String> memberOrder, boolean htmlSafe) {
        this(memberOrder, htmlSafe, "");
    }

    private JsonWriter(Comparator<String> memberOrder, boolean htmlSafe, String indent) {
        this.memberOrder = memberOrder;
        this.htmlSafe = htmlSafe;
        this.indent = indent;
    }

    public String write(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value, 0);
        return out.toString();
    }

    private void write(StringBuilder out, JsonValue value, int depth) {
        switch (value) {
            case JsonObject object -> {
                List<Map.Entry<String, JsonValue>> entries = new ArrayList<>(object.members().entrySet());
                if (memberOrder != null) {
                    entries.sort(Map.Entry.comparingByKey(memberOrder));
                }
                out.append('{');
                for (int i = 0; i < entries.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    newline(out, depth + 1);
                    writeString(out, entries.get(i).getKey());
                    out.append(indent.isEmpty() ? ":" : ": ");
                    write(out, entries.get(i).getValue(), depth + 1);
                }
                if (!entries.isEmpty()) {
                    newline(out, depth);
                }
                out.append('}');
            }
            case JsonArray array -> {
                out.append('[');
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    newline(out, depth + 1);
                    write(out, array.get(i), depth + 1);
                }
                if (!array.isEmpty()) {
                    newline(out, depth);
                }
                out.append(']');
            }
            case JsonString string -> writeString(out, string.value());
            case JsonNumber number -> out.append(Es6Number.format(number.value()));
            case JsonBoolean bool -> out.append(bool.value() ? "true" : "false");
            case JsonNull ignored -> out.append("null");
        }
    }

    private void newline(StringBuilder out, int depth) {
        if (!indent.isEmpty()) {
            out.append('\n').repeat(indent, depth);
        }
    }

    /** Runs of characters that need no escape are copied whole: most strings have none. */
    private void writeString(StringBuilder out, String s) {
        out.append('"');
        int pending = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !(htmlSafe && isHtmlSensitive(c))) {
                continue;
            }
            out.append(s, pending, i);
            pending = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, pending, s.length()).append('"');
    }

    private static boolean isHtmlSensitive(char c) {
        return c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029';
    }
}
