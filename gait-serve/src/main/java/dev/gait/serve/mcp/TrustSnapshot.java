package dev.gait.serve.mcp;

import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trust snapshot of a server's tools ({@code gait.mcp.tool_snapshot}): each tool's name and the
 * SHA-256 of its canonical (RFC 8785) definition as the server lists it. Comparing a server's
 * current list with the snapshot shows tools that were added, removed or changed (a changed
 * description or schema is how a trusted tool is turned into a different one).
 */
public record TrustSnapshot(Map<String, String> tools) {
    public static final String SCHEMA_ID = "gait.mcp.tool_snapshot";

    /** The differences between a snapshot and a server's current tools, each list sorted by name. */
    public record Drift(List<String> added, List<String> removed, List<String> changed, int unchanged) {
        public boolean none() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    public TrustSnapshot {
        tools = Map.copyOf(new TreeMap<>(tools));
    }

    /** The snapshot of a tool list; a name listed twice is refused. */
    public static TrustSnapshot of(List<JsonObject> definitions) {
        Map<String, String> tools = new TreeMap<>();
        for (JsonObject definition : definitions) {
            String name = definition.string("name").orElseThrow();
            if (tools.put(name, Digests.jcsHex(definition)) != null) {
                throw GaitException.invalidInput("the server lists tool " + name + " twice");
            }
        }
        return new TrustSnapshot(tools);
    }

    public static TrustSnapshot parse(byte[] json, String source) {
        JsonObject document = JsonReader.strict().readObject(json);
        if (!document.string("schema_id").orElse("").equals(SCHEMA_ID)) {
            throw GaitException.invalidInput(source + ": not a " + SCHEMA_ID + " document");
        }
        Map<String, String> tools = new TreeMap<>();
        for (Map.Entry<String, JsonValue> entry : document.object("tools").orElse(JsonObject.EMPTY).members().entrySet()) {
            if (!(entry.getValue() instanceof JsonString(String digest)) || !Digests.isSha256Hex(digest)) {
                throw GaitException.invalidInput(source + ": tool " + entry.getKey() + " needs a sha256 hex digest");
            }
            tools.put(entry.getKey(), digest);
        }
        return new TrustSnapshot(tools);
    }

    /** The document, written in canonical form so that the same tools always give the same bytes. */
    public JsonObject toJson() {
        JsonObject.Builder digests = JsonObject.builder();
        tools.forEach(digests::put);
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("digest_algorithm", "sha256_jcs")
                .put("tools", digests.build())
                .build();
    }

    /** How {@code current} differs from this snapshot. */
    public Drift compare(TrustSnapshot current) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, String> tool : new TreeMap<>(current.tools).entrySet()) {
            String trusted = tools.get(tool.getKey());
            if (trusted == null) {
                added.add(tool.getKey());
            } else if (!trusted.equals(tool.getValue())) {
                changed.add(tool.getKey());
            } else {
                unchanged++;
            }
        }
        List<String> removed = new TreeMap<>(tools).keySet().stream().filter(name -> !current.tools.containsKey(name)).toList();
        return new Drift(List.copyOf(added), removed, List.copyOf(changed), unchanged);
    }
}
