package dev.gait.core.reduce;

import dev.gait.core.canon.GoStrings;
import java.util.Locale;

/** {@code non_ok_status}: some kept result's status is neither {@code ok} nor {@code success} (any case). */
public final class NonOkStatus implements ReducePredicate {
    public static final String NAME = "non_ok_status";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean holds(Candidate candidate) {
        return candidate.results().stream().anyMatch(result -> !isOk(result.status()));
    }

    private static boolean isOk(String status) {
        String normalised = GoStrings.trimSpace(status).toLowerCase(Locale.ROOT);
        return normalised.equals("ok") || normalised.equals("success");
    }
}
