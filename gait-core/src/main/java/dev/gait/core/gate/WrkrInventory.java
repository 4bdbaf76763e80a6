package dev.gait.core.gate;

import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Wrkr tool inventory: what each tool touches (data class, endpoint class) and how autonomously it
 * runs. A known tool's entry is written into the intent's {@code auth_context} as {@code wrkr.*}
 * keys, which policies match with {@code context_*} conditions.
 */
public record WrkrInventory(Map<String, JsonObject> tools) {
    private static final String[] FIELDS = {"tool_name", "data_class", "endpoint_class", "autonomy_level"};

    public static WrkrInventory load(Path path) {
        JsonValue document;
        try {
            document = JsonReader.lenient().read(InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES));
        } catch (JsonException e) {
            throw GaitException.invalidInput("wrkr inventory " + path + ": " + e.getMessage(), e);
        }
        JsonArray items;
        if (document instanceof JsonArray array) {
            items = array;
        } else if (document instanceof JsonObject object && object.get("items").orElse(null) instanceof JsonArray array) {
            items = array;
        } else {
            throw GaitException.invalidInput("wrkr inventory " + path + " must be an array or {\"items\": [...]}");
        }
        Map<String, JsonObject> tools = new LinkedHashMap<>();
        for (JsonValue item : items.elements()) {
            if (item instanceof JsonObject entry) {
                Map<String, JsonValue> lowered = new LinkedHashMap<>();
                entry.members().forEach((key, value) -> lowered.put(key.toLowerCase(Locale.ROOT), value));
                JsonObject normalized = new JsonObject(lowered);
                String tool = normalized.string("tool_name").orElse("").strip().toLowerCase(Locale.ROOT);
                if (!tool.isEmpty()) {
                    tools.put(tool, normalized);
                }
            }
        }
        return new WrkrInventory(tools);
    }

    /** The context with the tool's inventory entry written into {@code auth_context}; unchanged for unknown tools. */
    JsonObject enrich(JsonObject context, String toolName) {
        JsonObject entry = tools.get(toolName.toLowerCase(Locale.ROOT));
        if (entry == null) {
            return context;
        }
        JsonObject.Builder auth = context.object("auth_context").orElse(JsonObject.EMPTY).toBuilder();
        for (String field : FIELDS) {
            entry.string(field).ifPresent(value -> auth.put("wrkr." + field, value.strip()));
        }
        return context.toBuilder().put("auth_context", auth.build()).build();
    }
}
