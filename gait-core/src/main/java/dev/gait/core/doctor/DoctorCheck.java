package dev.gait.core.doctor;

import dev.gait.core.json.JsonObject;

/**
 * One diagnostic: what was checked ({@code name}, {@code scope}), how it went, why, and the command
 * or step that fixes it. Every check that does not pass carries a fix; {@code non_fixable} marks a
 * broken installation that no local step repairs (doctor exits 7).
 */
public record DoctorCheck(String name, String scope, CheckStatus status, String message, String fixCommand, boolean nonFixable) {
    public static final String UNIVERSAL = "universal";
    public static final String REPO_CHECKOUT = "repo_checkout";
    public static final String PRODUCTION = "production_readiness";

    public DoctorCheck {
        if (status != CheckStatus.PASS && fixCommand.isBlank()) {
            throw new IllegalArgumentException("check " + name + " does not pass but names no fix");
        }
    }

    public static DoctorCheck pass(String scope, String name, String message) {
        return new DoctorCheck(name, scope, CheckStatus.PASS, message, "", false);
    }

    public static DoctorCheck warn(String scope, String name, String message, String fix) {
        return new DoctorCheck(name, scope, CheckStatus.WARN, message, fix, false);
    }

    public static DoctorCheck fail(String scope, String name, String message, String fix) {
        return new DoctorCheck(name, scope, CheckStatus.FAIL, message, fix, false);
    }

    public static DoctorCheck notAvailable(String scope, String name, String message, String fix) {
        return new DoctorCheck(name, scope, CheckStatus.NOT_AVAILABLE, message, fix, false);
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("name", name)
                .put("scope", scope)
                .put("status", status.wire())
                .put("message", message)
                .putOmitEmpty("fix_command", fixCommand)
                .putOmitEmpty("non_fixable", nonFixable)
                .build();
    }
}
