package dev.gait.client.cli;

/** The {@code gait} command did not start, did not finish in time, or answered with an error. */
public final class GaitCliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the command could not be asked. */
    public enum Kind { UNAVAILABLE, TIMEOUT, FAILED }

    private final Kind kind;

    public GaitCliException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
