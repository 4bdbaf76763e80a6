package dev.gait.core.pack;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.StrictMembers;
import java.util.Set;

/**
 * An input a pack was built from, named by digest: what kind of artifact it is, its own id
 * ({@code ref}: run id, trace id or pack id), the file it came from and that file's SHA-256, its
 * identity digest (which survives re-zipping: a runpack's manifest digest, a pack's id, a trace's
 * signed digest), and the pack entry that holds a copy of it.
 */
public record PackInput(InputKind kind, String ref, String name, String sha256, String identityDigest, String entry) {

    private static final Set<String> MEMBERS = Set.of("kind", "ref", "name", "sha256", "identity_digest", "entry");

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("kind", kind.wire())
                .put("ref", ref)
                .put("name", name)
                .put("sha256", sha256)
                .put("identity_digest", identityDigest)
                .put("entry", entry)
                .build();
    }

    static PackInput fromJson(JsonObject json) {
        StrictMembers.only(json, MEMBERS, "input");
        return new PackInput(InputKind.fromWire(StrictMembers.string(json, "kind")), StrictMembers.string(json, "ref"),
                StrictMembers.string(json, "name"), StrictMembers.string(json, "sha256"),
                StrictMembers.string(json, "identity_digest"), StrictMembers.string(json, "entry"));
    }
}
