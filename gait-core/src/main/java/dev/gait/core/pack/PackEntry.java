package dev.gait.core.pack;

import dev.gait.core.json.JsonObject;

/** One {@code contents[]} entry of a pack manifest: a path, the SHA-256 of its stored bytes, its type. */
public record PackEntry(String path, String sha256, String type) {

    public JsonObject toJson() {
        return JsonObject.builder().put("path", path).put("sha256", sha256).put("type", type).build();
    }
}
