package dev.gait.core.doctor;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The {@code gait.doctor.result} document: every check in order, the overall status
 * (fail &gt; warn &gt; pass; {@code not_available} counts as neither), whether any failure is
 * non-fixable, the distinct fix commands (sorted), and what doctor found of the {@code gait} binary.
 */
public record DoctorResult(String createdAt, String producerVersion, String onboardingMode, List<DoctorCheck> checks,
                           Optional<OnboardingBinary> binary) {

    public DoctorResult {
        checks = List.copyOf(checks);
    }

    public CheckStatus status() {
        if (count(CheckStatus.FAIL) > 0) {
            return CheckStatus.FAIL;
        }
        return count(CheckStatus.WARN) > 0 ? CheckStatus.WARN : CheckStatus.PASS;
    }

    public boolean nonFixable() {
        return checks.stream().anyMatch(DoctorCheck::nonFixable);
    }

    public long count(CheckStatus status) {
        return checks.stream().filter(check -> check.status() == status).count();
    }

    /** The fixes for what warns or fails; a {@code not_available} check's hint is no fix. */
    public List<String> fixCommands() {
        return checks.stream().filter(check -> check.status() == CheckStatus.WARN || check.status() == CheckStatus.FAIL)
                .map(DoctorCheck::fixCommand).filter(fix -> !fix.isEmpty()).distinct().sorted(GoStrings.BYTE_ORDER).toList();
    }

    public String summary() {
        return "doctor: onboarding_mode=" + onboardingMode + " status=" + status().wire() + " failed=" + count(CheckStatus.FAIL)
                + " warned=" + count(CheckStatus.WARN) + " non_fixable=" + nonFixable();
    }

    public JsonObject toJson() {
        JsonObject.Builder result = JsonObject.builder()
                .put("schema_id", Doctor.SCHEMA_ID)
                .put("schema_version", Doctor.SCHEMA_VERSION)
                .put("created_at", createdAt)
                .put("producer_version", producerVersion)
                .put("onboarding_mode", onboardingMode)
                .put("status", status().wire())
                .put("non_fixable", nonFixable())
                .put("summary", summary())
                .putStrings("fix_commands", fixCommands())
                .putOmitEmpty("not_available", count(CheckStatus.NOT_AVAILABLE))
                .put("checks", new JsonArray(checks.stream().<dev.gait.core.json.JsonValue>map(DoctorCheck::toJson).toList()));
        binary.ifPresent(found -> found.addTo(result));
        return result.build();
    }
}
