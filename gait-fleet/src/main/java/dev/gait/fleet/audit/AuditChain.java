package dev.gait.fleet.audit;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;

/** How entries link: the first entry of an organisation follows {@link #GENESIS}, each later one the hash before it. */
public final class AuditChain {

    /** The {@code prev_hash} of an organisation's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    /** The entry that follows {@code previous} (null for the first), with its hash computed. */
    public static AuditEntry next(
            AuditEntry previous, String orgId, long atMillis, String actor, String action, String target, JsonObject details) {
        long seq = previous == null ? 1 : previous.seq() + 1;
        String prevHash = previous == null ? GENESIS : previous.hash();
        AuditEntry unhashed = new AuditEntry(orgId, seq, atMillis, actor, action, target, details, prevHash, "");
        return new AuditEntry(orgId, seq, atMillis, actor, action, target, details, prevHash, hashOf(unhashed));
    }

    /** The hash an entry must carry, computed from everything but its {@code hash} member. */
    public static String hashOf(AuditEntry entry) {
        return Digests.jcsHex(entry.toJson().without("hash"));
    }
}
