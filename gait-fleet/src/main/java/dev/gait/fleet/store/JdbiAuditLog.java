package dev.gait.fleet.store;

import dev.gait.fleet.audit.AuditEntry;
import dev.gait.fleet.audit.AuditLog;
import dev.gait.fleet.auth.Authorizer;
import dev.gait.fleet.auth.Permission;
import dev.gait.fleet.auth.Principal;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

final class JdbiAuditLog implements AuditLog {

    private static final int EXPORT_PAGE = 1000;

    private final Transactions transactions;

    JdbiAuditLog(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<AuditEntry> entries(Principal caller, long afterSeq, int limit) {
        Authorizer.require(caller, Permission.READ_AUDIT);
        return transactions.read(handle -> handle.createQuery("SELECT " + AuditRows.COLUMNS
                        + " FROM audit_log WHERE org_id = :org AND seq > :after ORDER BY seq LIMIT :limit")
                .bind("org", caller.orgId())
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map(AuditRows::map)
                .list());
    }

    @Override
    public Optional<AuditEntry> head(Principal caller) {
        Authorizer.require(caller, Permission.READ_AUDIT);
        return transactions.read(handle -> AuditRows.head(handle, caller.orgId()));
    }

    @Override
    public void export(Principal caller, Writer out) throws IOException {
        long after = 0;
        List<AuditEntry> page;
        do {
            page = entries(caller, after, EXPORT_PAGE);
            for (AuditEntry entry : page) {
                out.write(entry.toJsonLine());
                out.write('\n');
                after = entry.seq();
            }
        } while (page.size() == EXPORT_PAGE);
        out.flush();
    }
}
