package dev.gait.fleet.audit;

import dev.gait.fleet.auth.Principal;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/** An organisation's hash-chained log of control-plane changes. Entries are appended by the store, never by callers. */
public interface AuditLog {

    /** Up to {@code limit} entries with {@code seq > afterSeq}, oldest first. */
    List<AuditEntry> entries(Principal caller, long afterSeq, int limit);

    /** The newest entry: its hash commits to the whole log. */
    Optional<AuditEntry> head(Principal caller);

    /** Writes the whole log as JSON lines, oldest first, one canonical entry per line. */
    void export(Principal caller, Writer out) throws IOException;
}
