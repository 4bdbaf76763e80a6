package dev.gait.fleet.store;

import java.sql.SQLException;

/** Recognises database errors the same way on SQLite and PostgreSQL. */
final class SqlErrors {

    private static final String POSTGRES_UNIQUE_VIOLATION = "23505";
    private static final int SQLITE_CONSTRAINT = 19;

    private SqlErrors() {}

    /** Whether a unique or primary-key constraint rejected a write, somewhere in the cause chain. */
    static boolean isUniqueViolation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                if (POSTGRES_UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage());
                // sqlite-jdbc reports SQLITE_CONSTRAINT, possibly as an extended code (low byte 19).
                if ((sql.getErrorCode() & 0xff) == SQLITE_CONSTRAINT
                        && (message.contains("UNIQUE") || message.contains("PRIMARY KEY"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
