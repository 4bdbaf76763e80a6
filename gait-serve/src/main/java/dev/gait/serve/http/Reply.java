package dev.gait.serve.http;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response: status, content type, body and extra headers. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    private static final String JSON = "application/json";

    /** A JSON body in the CLI's output form: compact, keys sorted at every depth. */
    public static Reply json(int status, JsonObject body) {
        return new Reply(status, JSON, (JsonWriter.GO_MAP.write(body) + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Reply text(int status, String contentType, String body) {
        return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, Map.copyOf(more));
    }
}
