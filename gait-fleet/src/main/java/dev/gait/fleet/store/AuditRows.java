package dev.gait.fleet.store;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.fleet.audit.AuditChain;
import dev.gait.fleet.audit.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Appends to and reads the audit_log table. */
final class AuditRows {

    static final String COLUMNS = "org_id, seq, at, actor, action, target, details, prev_hash, hash";

    private AuditRows() {}

    /** Appends the entry that follows the organisation's newest one, inside the caller's transaction. */
    static AuditEntry append(
            Transactions.Write write, String orgId, String actor, String action, String target, JsonObject details) {
        Handle handle = write.handle();
        // Taking the organisation's row lock first means the head read next is the newest entry.
        handle.createUpdate("UPDATE organizations SET audit_seq = audit_seq + 1 WHERE id = :org").bind("org", orgId).execute();
        AuditEntry previous = head(handle, orgId).orElse(null);
        AuditEntry entry = AuditChain.next(previous, orgId, write.now(), actor, action, target, details);
        handle.createUpdate("INSERT INTO audit_log (" + COLUMNS + ") VALUES "
                        + "(:org, :seq, :at, :actor, :action, :target, :details, :prev, :hash)")
                .bind("org", entry.orgId())
                .bind("seq", entry.seq())
                .bind("at", entry.atMillis())
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("target", entry.target())
                .bind("details", Jcs.canonicalString(entry.details()))
                .bind("prev", entry.prevHash())
                .bind("hash", entry.hash())
                .execute();
        return entry;
    }

    static Optional<AuditEntry> head(Handle handle, String orgId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM audit_log WHERE org_id = :org ORDER BY seq DESC LIMIT 1")
                .bind("org", orgId)
                .map(AuditRows::map)
                .findOne();
    }

    static AuditEntry map(ResultSet row, StatementContext context) throws SQLException {
        return new AuditEntry(
                row.getString("org_id"),
                row.getLong("seq"),
                row.getLong("at"),
                row.getString("actor"),
                row.getString("action"),
                row.getString("target"),
                (JsonObject) JsonReader.strict().read(row.getString("details")),
                row.getString("prev_hash"),
                row.getString("hash"));
    }
}
