package dev.gait.core.pack;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.json.StrictMembers;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a pack says about where it came from: its type and source, the producer, every input by
 * digest, and the pack it continues, if any. This is the predicate of the pack's attestation.
 */
public record PackProvenance(String packType, String sourceRef, String producerVersion, List<PackInput> inputs,
                             Optional<Predecessor> predecessor) {

    private static final Set<String> MEMBERS = Set.of("pack_type", "source_ref", "producer_version", "inputs", "predecessor");

    public PackProvenance {
        inputs = List.copyOf(inputs);
    }

    public JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder()
                .put("pack_type", packType)
                .put("source_ref", sourceRef)
                .put("producer_version", producerVersion)
                .put("inputs", new JsonArray(inputs.stream().<JsonValue>map(PackInput::toJson).toList()));
        predecessor.ifPresent(p -> json.put("predecessor", p.toJson()));
        return json.build();
    }

    static PackProvenance fromJson(JsonObject json) {
        StrictMembers.only(json, MEMBERS, "predicate");
        return new PackProvenance(StrictMembers.string(json, "pack_type"), StrictMembers.string(json, "source_ref"),
                StrictMembers.string(json, "producer_version"),
                StrictMembers.objects(json, "inputs").stream().map(PackInput::fromJson).toList(),
                StrictMembers.object(json, "predecessor").map(Predecessor::fromJson));
    }
}
