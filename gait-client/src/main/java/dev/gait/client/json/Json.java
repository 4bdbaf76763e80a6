package dev.gait.client.json;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON text to and from plain Java values, over Jackson's streaming API (no data binding, no
 * reflection): objects are {@code Map<String, Object>} (insertion ordered), arrays {@code List},
 * numbers {@code Long}, {@code BigInteger} or {@code Double}, and strings, booleans and null as
 * themselves. The SDK only carries documents to Gait and back; it computes nothing from them.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {}

    /** Compact JSON text of a value built from maps, collections, strings, numbers, booleans and null. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            writeValue(generator, value);
        }
        return out.toString();
    }

    /** The value of a JSON document; malformed text or trailing data throws {@link JsonFormatException}. */
    public static Object read(String text) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonFormatException("empty document");
            }
            Object value = readValue(parser, first);
            if (parser.nextToken() != null) {
                throw new JsonFormatException("unexpected data after the top-level value");
            }
            return value;
        } catch (JacksonException e) {
            throw new JsonFormatException(e.getOriginalMessage());
        }
    }

    /** A document that must be a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(String text) {
        Object value = read(text);
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new JsonFormatException("expected a JSON object");
    }

    private static void writeValue(JsonGenerator generator, Object value) {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String s) {
            generator.writeString(s);
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            generator.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no value for " + d);
            }
            generator.writeNumber(d);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("JSON member names must be strings, not " + entry.getKey());
                }
                generator.writeName(name);
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Collection<?> items) {
            generator.writeStartArray();
            for (Object item : items) {
                writeValue(generator, item);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName()
                    + " (use maps, lists, strings, numbers, booleans or null)");
        }
    }

    private static Object readValue(JsonParser parser, JsonToken token) {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> members = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    members.put(name, readValue(parser, parser.nextToken()));
                }
                expect(next, JsonToken.END_OBJECT);
                return members;
            }
            case START_ARRAY: {
                List<Object> items = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY && next != null) {
                    items.add(readValue(parser, next));
                }
                expect(next, JsonToken.END_ARRAY);
                return items;
            }
            case VALUE_STRING:
                return parser.getString();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonFormatException("unexpected token " + token);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new JsonFormatException("unterminated value");
        }
    }
}
