package dev.gait.core.error;

/** Why an operation failed; each category maps to one exit code. */
public enum ErrorCategory {
    INVALID_INPUT(ExitCode.INVALID_INPUT),
    VERIFICATION_FAILED(ExitCode.VERIFICATION_FAILED),
    POLICY_BLOCKED(ExitCode.POLICY_BLOCKED),
    APPROVAL_REQUIRED(ExitCode.APPROVAL_REQUIRED),
    DEPENDENCY_MISSING(ExitCode.DEPENDENCY_MISSING),
    UNSAFE_OPERATION(ExitCode.UNSAFE_OPERATION),
    IO(ExitCode.INTERNAL),
    STATE_CONTENTION(ExitCode.INTERNAL),
    NETWORK_TRANSIENT(ExitCode.INTERNAL),
    INTERNAL(ExitCode.INTERNAL);

    private final ExitCode exitCode;

    ErrorCategory(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Only transient contention and network faults are worth retrying unchanged. */
    public boolean retryable() {
        return this == STATE_CONTENTION || this == NETWORK_TRANSIENT;
    }
}
