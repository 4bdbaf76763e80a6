package dev.gait.core.error;

/**
 * Gait's process exit codes (0-8) and the error envelope fields each one implies. Scripts and CI
 * branch on these numbers, so they never change meaning.
 */
public enum ExitCode {
    OK(0, "", "", ""),
    INTERNAL(1, "internal_failure", "internal_failure", "retry after checking local environment and logs"),
    VERIFICATION_FAILED(2, "verification_failed", "verification_failed",
            "re-run verify after checking artifact integrity"),
    POLICY_BLOCKED(3, "policy_blocked", "policy_blocked", "inspect reason_codes and adjust policy or intent"),
    APPROVAL_REQUIRED(4, "approval_required", "approval_required", "provide a valid approval token and retry"),
    REGRESS_FAILED(5, "regress_failed", "internal_failure", "retry after checking local environment and logs"),
    INVALID_INPUT(6, "invalid_input", "invalid_input", "check command usage and input schema"),
    DEPENDENCY_MISSING(7, "dependency_missing", "dependency_missing",
            "install or configure the missing dependency and retry"),
    UNSAFE_OPERATION(8, "unsafe_operation", "internal_failure",
            "pass explicit unsafe flags only for approved replay paths");

    private final int code;
    private final String errorCode;
    private final String errorCategory;
    private final String hint;

    ExitCode(int code, String errorCode, String errorCategory, String hint) {
        this.code = code;
        this.errorCode = errorCode;
        this.errorCategory = errorCategory;
        this.hint = hint;
    }

    public int code() {
        return code;
    }

    /** The envelope's {@code error_code} for a failure that exits with this code. */
    public String errorCode() {
        return errorCode;
    }

    /** The envelope's {@code error_category}; several exit codes share {@code internal_failure}. */
    public String errorCategory() {
        return errorCategory;
    }

    public String hint() {
        return hint;
    }
}
