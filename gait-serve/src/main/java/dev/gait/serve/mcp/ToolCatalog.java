package dev.gait.serve.mcp;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tool annotations the upstream server declared in its {@code tools/list} answers, by tool
 * name, so that a later call's targets carry the server's read-only and destructive hints.
 */
public final class ToolCatalog {
    private final Map<String, JsonObject> annotations = new ConcurrentHashMap<>();

    /** Remembers the annotations of every tool in a {@code tools/list} result. */
    public void learn(JsonObject listResult) {
        for (JsonValue tool : listResult.array("tools").orElse(JsonArray.EMPTY).elements()) {
            if (tool instanceof JsonObject definition && definition.string("name").isPresent()) {
                annotations.put(definition.string("name").get(), definition.object("annotations").orElse(JsonObject.EMPTY));
            }
        }
    }

    /** The annotations the server declared for the tool; empty when it declared none or was never listed. */
    public JsonObject annotations(String tool) {
        return annotations.getOrDefault(tool, JsonObject.EMPTY);
    }
}
