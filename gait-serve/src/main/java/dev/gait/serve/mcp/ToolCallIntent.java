package dev.gait.serve.mcp;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Maps an MCP {@code tools/call} to a gate intent request ({@code gait.gate.intent_request}): the
 * tool name, its arguments as {@code args}, targets derived from arguments that look like URLs or
 * paths (each carrying the server's annotation hints and {@code discovery_method: mcp}), and the
 * proxy's context.
 */
public final class ToolCallIntent {
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://\\S+");
    private static final Set<String> PATH_KEYS = Set.of("path", "file", "filename", "file_path", "filepath", "dir", "directory");
    /** MCP tool annotation → gate target hint. */
    private static final List<String[]> HINTS = List.of(new String[] {"readOnlyHint", "read_only_hint"},
            new String[] {"destructiveHint", "destructive_hint"}, new String[] {"idempotentHint", "idempotent_hint"},
            new String[] {"openWorldHint", "open_world_hint"});

    private ToolCallIntent() {}

    /** Thrown for a {@code tools/call} whose params do not name a tool or carry non-object arguments. */
    public static final class InvalidCall extends RuntimeException {
        InvalidCall(String message) {
            super(message);
        }
    }

    /** The tool a call names; an {@link InvalidCall} when it names none. */
    public static String toolName(JsonObject params) {
        String name = params.string("name").orElse("").strip();
        if (name.isEmpty()) {
            throw new InvalidCall("tools/call needs params.name, the tool to call");
        }
        return name;
    }

    /**
     * @param annotations the tool's annotations from the server's tool list (empty when unknown)
     * @param context the intent's context
     */
    public static JsonObject map(JsonObject params, JsonObject annotations, JsonObject context) {
        String tool = toolName(params);
        JsonValue arguments = params.get("arguments").orElse(JsonObject.EMPTY);
        if (!(arguments instanceof JsonObject args)) {
            throw new InvalidCall("tools/call params.arguments must be an object");
        }
        return JsonObject.builder()
                .put("schema_id", "gait.gate.intent_request")
                .put("schema_version", "1.0.0")
                .put("tool_name", tool)
                .put("args", args)
                .put("targets", new JsonArray(targets(tool, args, annotations)))
                .put("context", context)
                .build();
    }

    /** One target per URL- or path-looking string argument, in argument name order; the tool itself when there is none. */
    private static List<JsonValue> targets(String tool, JsonObject args, JsonObject annotations) {
        List<JsonValue> targets = new ArrayList<>();
        new TreeMap<>(args.members()).forEach((key, value) -> {
            if (value instanceof JsonString(String text) && !text.isBlank()) {
                String kind = URL.matcher(text).matches() ? "url" : looksLikePath(key, text) ? "path" : "";
                if (!kind.isEmpty()) {
                    targets.add(target(kind, text, annotations));
                }
            }
        });
        if (targets.isEmpty()) {
            targets.add(target("other", tool, annotations));
        }
        return targets;
    }

    private static boolean looksLikePath(String key, String text) {
        return PATH_KEYS.contains(key.toLowerCase(Locale.ROOT))
                || text.startsWith("/") || text.startsWith("./") || text.startsWith("../") || text.startsWith("~/");
    }

    private static JsonObject target(String kind, String value, JsonObject annotations) {
        JsonObject.Builder target = JsonObject.builder().put("kind", kind).put("value", value).put("discovery_method", "mcp");
        for (String[] hint : HINTS) {
            if (annotations.get(hint[0]).orElse(null) instanceof JsonBoolean flag) {
                target.put(hint[1], flag);
            }
        }
        return target.build();
    }
}
