package dev.gait.serve.mcp;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One JSON-RPC 2.0 message as it crossed the wire: the original bytes (relayed unchanged) and the
 * parsed object (read to decide). The id is kept as its JSON text, because the parsed form holds
 * numbers as doubles and an answer must echo the id exactly.
 *
 * @param rawId the id's JSON text, or null when the message has none (a notification)
 */
public record JsonRpcMessage(byte[] raw, JsonObject body, String rawId) {

    /** JSON-RPC error codes the proxy answers with. */
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** The upstream server could not be reached or ended (implementation-defined server error). */
    public static final int UPSTREAM_UNAVAILABLE = -32000;

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Parses one message; a document that is not a JSON object with {@code "jsonrpc":"2.0"} is refused. */
    public static JsonRpcMessage parse(byte[] raw) {
        JsonValue value = JsonReader.lenient().read(raw);
        if (!(value instanceof JsonObject body) || !body.string("jsonrpc").orElse("").equals("2.0")) {
            throw new JsonException("not a JSON-RPC 2.0 message object");
        }
        return new JsonRpcMessage(raw, body, body.has("id") ? idText(raw) : null);
    }

    public String method() {
        return body.string("method").orElse("");
    }

    /** A request: a method and an id. */
    public boolean isRequest() {
        return body.has("method") && rawId != null;
    }

    /** A response: a result or an error, no method. */
    public boolean isResponse() {
        return !body.has("method") && (body.has("result") || body.has("error"));
    }

    public JsonObject params() {
        return body.object("params").orElse(JsonObject.EMPTY);
    }

    /** A success response to the request with this id. */
    public static byte[] result(String rawId, JsonObject result) {
        return envelope(rawId, "\"result\":" + JsonWriter.GO_MAP.write(result));
    }

    /** An error response; {@code rawId} null answers a message whose id is unknown (JSON null). */
    public static byte[] error(String rawId, int code, String message) {
        JsonObject error = JsonObject.builder().put("code", code).put("message", message).build();
        return envelope(rawId, "\"error\":" + JsonWriter.GO_MAP.write(error));
    }

    private static byte[] envelope(String rawId, String member) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + (rawId == null ? "null" : rawId) + "," + member + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The top-level id member exactly as written (numbers keep every digit). */
    private static String idText(byte[] raw) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), raw)) {
            parser.nextToken();
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("id")) {
                    return switch (value) {
                        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getString();
                        case VALUE_STRING -> JsonWriter.GO_MAP.write(new JsonString(parser.getString()));
                        case VALUE_NULL -> "null";
                        default -> throw new JsonException("a JSON-RPC id must be a string, a number or null");
                    };
                }
                parser.skipChildren();
            }
            throw new JsonException("a JSON-RPC id is missing");
        } catch (JacksonException e) {
            throw new JsonException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
