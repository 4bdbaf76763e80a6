package dev.gait.core.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses JSON text into {@link JsonValue}s over Jackson's streaming parser (no data binding).
 *
 * <p>Numbers become doubles, as Go decodes them into generic values. Unpaired UTF-16 surrogates
 * from {@code \\u} escapes become U+FFFD, as in Go. Exactly one value is accepted per document.
 */
public final class JsonReader {

    /** How a repeated member name in one object is treated. */
    public enum DuplicateKeys {
        /** The canonicalisation rule (RFC 8785): a repeated name is an error. */
        REJECT,
        /** Go's decoding rule for lenient inputs: the last occurrence wins. */
        LAST_WINS
    }

    /** Deep enough for any real artifact, shallow enough that hostile nesting fails fast. */
    public static final int MAX_DEPTH = 256;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .build())
            .build();

    private final DuplicateKeys duplicateKeys;

    private JsonReader(DuplicateKeys duplicateKeys) {
        this.duplicateKeys = duplicateKeys;
    }

    /** A reader that rejects repeated member names. */
    public static JsonReader strict() {
        return new JsonReader(DuplicateKeys.REJECT);
    }

    /** A reader that keeps the last of repeated member names, as Go does. */
    public static JsonReader lenient() {
        return new JsonReader(DuplicateKeys.LAST_WINS);
    }

    public JsonValue read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    public JsonValue read(byte[] utf8) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), utf8)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonException("invalid JSON: empty document");
            }
            JsonValue value = readValue(parser, first);
            if (parser.nextToken() != null) {
                throw new JsonException("invalid JSON: unexpected data after the top-level value at "
                        + position(parser));
            }
            return value;
        } catch (JacksonException e) {
            throw new JsonException("invalid JSON: " + e.getOriginalMessage() + " at " + position(e), e);
        }
    }

    /** Reads a document that must be a JSON object. */
    public JsonObject readObject(byte[] utf8) {
        if (read(utf8) instanceof JsonObject object) {
            return object;
        }
        throw new JsonException("invalid JSON: expected an object at the top level");
    }

    private JsonValue readValue(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> new JsonString(replaceUnpairedSurrogates(parser.getString()));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> readNumber(parser);
            case VALUE_TRUE -> JsonBoolean.TRUE;
            case VALUE_FALSE -> JsonBoolean.FALSE;
            case VALUE_NULL -> JsonNull.INSTANCE;
            default -> throw new JsonException("invalid JSON: unexpected token " + token + " at " + position(parser));
        };
    }

    private JsonObject readObject(JsonParser parser) {
        LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = replaceUnpairedSurrogates(parser.currentName());
            JsonValue value = readValue(parser, parser.nextToken());
            if (members.put(name, value) != null && duplicateKeys == DuplicateKeys.REJECT) {
                throw new JsonException("invalid JSON: duplicate member name \"" + name + "\" at " + position(parser));
            }
        }
        expectEnd(parser, token, JsonToken.END_OBJECT);
        return JsonObject.owning(members);
    }

    private JsonArray readArray(JsonParser parser) {
        List<JsonValue> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            elements.add(readValue(parser, token));
        }
        expectEnd(parser, token, JsonToken.END_ARRAY);
        return new JsonArray(elements);
    }

    private static void expectEnd(JsonParser parser, JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new JsonException("invalid JSON: unterminated value at " + position(parser));
        }
    }

    private static JsonNumber readNumber(JsonParser parser) {
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw new JsonException("invalid JSON: number out of range at " + position(parser));
        }
        return new JsonNumber(value);
    }

    static String replaceUnpairedSurrogates(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String position(JsonParser parser) {
        var location = parser.currentTokenLocation();
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String position(JacksonException e) {
        var location = e.getLocation();
        return location == null ? "unknown position" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
