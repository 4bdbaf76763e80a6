package dev.gait.fleet.audit;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonFields;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;

/**
 * One control-plane change. {@code hash} is the SHA-256 hex of the RFC 8785 form of the entry
 * without {@code hash}; it covers {@code prev_hash}, so each entry commits to all before it.
 */
public record AuditEntry(
        String orgId,
        long seq,
        long atMillis,
        String actor,
        String action,
        String target,
        JsonObject details,
        String prevHash,
        String hash) {

    /** The entry as it is exported and hashed (the hash member is left out for hashing). */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("org_id", orgId)
                .put("seq", new JsonNumber(seq))
                .put("at", new JsonNumber(atMillis))
                .put("actor", actor)
                .put("action", action)
                .put("target", target)
                .put("details", details)
                .put("prev_hash", prevHash)
                .put("hash", hash)
                .build();
    }

    /** One line of an export: the canonical JSON of the entry. */
    public String toJsonLine() {
        return Jcs.canonicalString(toJson());
    }

    public static AuditEntry fromJson(JsonObject json, String document) {
        JsonFields fields = JsonFields.of(json, document);
        return new AuditEntry(
                fields.string("org_id"),
                fields.integer("seq"),
                fields.integer("at"),
                fields.string("actor"),
                fields.string("action"),
                fields.string("target"),
                json.object("details").orElse(JsonObject.EMPTY),
                fields.string("prev_hash"),
                fields.string("hash"));
    }
}
