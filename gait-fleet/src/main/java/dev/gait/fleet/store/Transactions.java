package dev.gait.fleet.store;

import dev.gait.fleet.error.FleetException;
import java.time.Clock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads and writes against one database. A write runs in one transaction together with its audit
 * entry. When a unique constraint rejects it (a concurrent writer took the same name, release or
 * audit sequence number first), the whole write runs again: the rerun sees the other writer's row
 * and answers as if it had come second (an idempotent result or a conflict).
 */
final class Transactions {

    private static final int ATTEMPTS = 5;

    private final Jdbi jdbi;
    private final Clock clock;

    Transactions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    <R> R read(HandleCallback<R, RuntimeException> work) {
        return jdbi.withHandle(work);
    }

    <R> R write(Function<Write, R> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(handle -> work.apply(new Write(handle, clock.millis())));
            } catch (RuntimeException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw new FleetException(FleetException.Reason.CONFLICT, "concurrent writes kept colliding; try again", e);
                }
            }
        }
    }

    /** A write in progress: its transaction and the time every row of it records. */
    record Write(Handle handle, long now) {}
}
