package dev.gait.core.guard;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.util.List;
import java.util.Map;

/** One {@code contents} row of a guard pack manifest: an entry's path, SHA-256 and type. */
public record PackEntry(String path, String sha256, EntryType type) {

    /** The rows for a set of entries, sorted by path. */
    static List<PackEntry> of(Map<String, byte[]> entries) {
        return entries.entrySet().stream()
                .map(e -> new PackEntry(e.getKey(), Digests.sha256Hex(e.getValue()), EntryType.of(e.getKey())))
                .sorted((a, b) -> GoStrings.compareBytes(a.path, b.path))
                .toList();
    }

    JsonObject toJson() {
        return JsonObject.builder().put("path", path).put("sha256", sha256).put("type", type.wire()).build();
    }

    static JsonArray toJson(List<PackEntry> entries) {
        return new JsonArray(entries.stream().<JsonValue>map(PackEntry::toJson).toList());
    }
}
