package dev.gait.fleet.error;

/**
 * A control-plane operation that did not happen, with a reason the API layer maps to a status.
 * Rows of another organisation are reported as {@link Reason#NOT_FOUND}, never as forbidden, so
 * that a caller learns nothing about other tenants.
 */
public final class FleetException extends RuntimeException {

    public enum Reason {
        INVALID,
        UNAUTHENTICATED,
        FORBIDDEN,
        NOT_FOUND,
        CONFLICT,
        /** Stored bytes no longer match their digest. */
        CORRUPT
    }

    private final Reason reason;

    public FleetException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FleetException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static FleetException invalid(String message) {
        return new FleetException(Reason.INVALID, message);
    }

    public static FleetException notFound(String message) {
        return new FleetException(Reason.NOT_FOUND, message);
    }

    public static FleetException conflict(String message) {
        return new FleetException(Reason.CONFLICT, message);
    }

    public static FleetException forbidden(String message) {
        return new FleetException(Reason.FORBIDDEN, message);
    }
}
