package dev.gait.core.pack;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.StrictMembers;
import java.util.Set;

/** The pack a pack continues, named by its pack id (which covers every file of it, signatures aside). */
public record Predecessor(String packId, String packType, String sourceRef) {

    private static final Set<String> MEMBERS = Set.of("pack_id", "pack_type", "source_ref");

    public JsonObject toJson() {
        return JsonObject.builder().put("pack_id", packId).put("pack_type", packType).put("source_ref", sourceRef).build();
    }

    static Predecessor fromJson(JsonObject json) {
        StrictMembers.only(json, MEMBERS, "predecessor");
        return new Predecessor(StrictMembers.string(json, "pack_id"), StrictMembers.string(json, "pack_type"),
                StrictMembers.string(json, "source_ref"));
    }
}
