package dev.gait.core.doctor;

import java.util.Locale;

/**
 * A check's outcome. {@code not_available} marks a check whose subsystem this build does not have:
 * it neither passes nor fails, and says so instead of pretending to pass.
 */
public enum CheckStatus {
    PASS, WARN, FAIL, NOT_AVAILABLE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
