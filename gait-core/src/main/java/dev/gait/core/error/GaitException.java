package dev.gait.core.error;

/** A failure with a category that decides the exit code and the error envelope. */
public class GaitException extends RuntimeException {
    private final ErrorCategory category;

    public GaitException(ErrorCategory category, String message) {
        super(message);
        this.category = category;
    }

    public GaitException(ErrorCategory category, String message, Throwable cause) {
        super(message, cause);
        this.category = category;
    }

    public ErrorCategory category() {
        return category;
    }

    public static GaitException invalidInput(String message) {
        return new GaitException(ErrorCategory.INVALID_INPUT, message);
    }

    public static GaitException invalidInput(String message, Throwable cause) {
        return new GaitException(ErrorCategory.INVALID_INPUT, message, cause);
    }

    public static GaitException io(String message, Throwable cause) {
        return new GaitException(ErrorCategory.IO, message, cause);
    }
}
