package dev.gait.core.gate;

import dev.gait.core.error.ExitCode;
import java.util.Locale;

/** Gate verdicts, ordered from least to most restrictive: allow < dry_run < require_approval < block. */
public enum Verdict {
    ALLOW, DRY_RUN, REQUIRE_APPROVAL, BLOCK;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict parse(String wire) {
        return Verdict.valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public Verdict max(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** block exits 3, require_approval 4, allow and dry_run 0. */
    public ExitCode exitCode() {
        return switch (this) {
            case BLOCK -> ExitCode.POLICY_BLOCKED;
            case REQUIRE_APPROVAL -> ExitCode.APPROVAL_REQUIRED;
            default -> ExitCode.OK;
        };
    }
}
