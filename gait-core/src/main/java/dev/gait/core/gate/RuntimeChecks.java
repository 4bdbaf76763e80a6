package dev.gait.core.gate;

import static dev.gait.core.gate.RuleMatcher.text;

import dev.gait.core.canon.GoTime;
import dev.gait.core.gate.policy.RuleSections;
import dev.gait.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A rule's freeze windows and sandbox requirements: when and where a matching call may run. */
final class RuntimeChecks {

    private RuntimeChecks() {}

    /**
     * A check's failures, the verdict they impose (null when nothing fired), and the decision
     * object recorded in the trace ({@code freeze_window} or {@code sandbox}).
     */
    record Result(List<String> codes, Verdict effect, JsonObject decision) {}

    /** Freeze windows in the policy's time zone; the evaluation time decides whether one is active. */
    static Result freezeWindow(RuleSections.FreezeWindow freeze, JsonObject context, Instant now) {
        JsonObject.Builder decision = JsonObject.builder()
                .put("effect", freeze.effect())
                .put("timezone", freeze.timezone())
                .put("evaluated_at", GoTime.formatUtc(now))
                .putOmitEmpty("reason", freeze.reason());
        String environment = text(context, "environment").toLowerCase(Locale.ROOT);
        boolean outOfScope = (!freeze.environments().isEmpty() && !freeze.environments().contains(environment))
                || (!freeze.riskClasses().isEmpty() && !freeze.riskClasses().contains(text(context, "risk_class")));
        if (outOfScope) {
            return new Result(List.of(), null, decision.put("status", "inactive").build());
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(freeze.timezone());
        } catch (DateTimeException e) {
            return invalid(decision, "freeze_window_invalid_timezone");
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        for (RuleSections.FreezeWindow.Window window : freeze.windows()) {
            LocalDateTime start;
            LocalDateTime end;
            try {
                start = LocalDateTime.parse(window.start());
                end = LocalDateTime.parse(window.end());
            } catch (DateTimeParseException e) {
                return invalid(decision, "freeze_window_invalid_window");
            }
            if (!end.isAfter(start)) {
                return invalid(decision, "freeze_window_invalid_window");
            }
            if (!local.isBefore(start) && local.isBefore(end)) {
                String code = "freeze_window_active_" + freeze.effect();
                return new Result(List.of(code), Verdict.parse(freeze.effect()), decision
                        .put("status", "active")
                        .put("window_name", window.name())
                        .put("window_start", GoTime.format(start.atZone(zone).toOffsetDateTime()))
                        .put("window_end", GoTime.format(end.atZone(zone).toOffsetDateTime()))
                        .put("reason_code", code)
                        .build());
            }
        }
        return new Result(List.of(), null, decision.put("status", "inactive").build());
    }

    private static Result invalid(JsonObject.Builder decision, String code) {
        return new Result(List.of(code), Verdict.BLOCK, decision.put("status", "invalid").put("reason_code", code).build());
    }

    /** Whether the sandbox a call declares satisfies the rule; codes name what is missing or disallowed. */
    static Result sandbox(RuleSections.Sandbox rule, JsonObject context) {
        JsonObject sandbox = context.object("sandbox").orElse(null);
        if (sandbox == null) {
            return new Result(List.of("sandbox_metadata_missing"), Verdict.BLOCK, JsonObject.builder()
                    .put("status", "missing").putStrings("reason_codes", List.of("sandbox_metadata_missing")).build());
        }
        List<String> codes = new ArrayList<>();
        if (text(sandbox, "evidence_ref").isEmpty() || text(sandbox, "evidence_digest").isEmpty()) {
            codes.add("sandbox_evidence_missing");
        }
        allowed(codes, rule.allowedNetworkModes(), text(sandbox, "network_mode"), "sandbox_network_mode");
        allowed(codes, rule.allowedEnvExposureModes(), text(sandbox, "env_exposure_mode"), "sandbox_env_exposure");
        allowed(codes, rule.allowedFilesystemIsolations(), text(sandbox, "filesystem_isolation"), "sandbox_filesystem_isolation");
        allowed(codes, rule.allowedUserModes(), text(sandbox, "user_mode"), "sandbox_user_mode");
        if (rule.maxTimeoutSeconds() > 0) {
            long timeout = RuleMatcher.number(sandbox, "timeout_seconds");
            if (timeout <= 0) {
                codes.add("sandbox_timeout_missing");
            } else if (timeout > rule.maxTimeoutSeconds()) {
                codes.add("sandbox_timeout_exceeded");
            }
        }
        if (!rule.allowedWritablePathPrefixes().isEmpty()) {
            for (String path : RuleMatcher.strings(sandbox, "writable_paths")) {
                if (rule.allowedWritablePathPrefixes().stream().noneMatch(prefix -> under(path, prefix))) {
                    codes.add("sandbox_writable_path_disallowed");
                    break;
                }
            }
        }
        // Gait v1 inverts this check (it flags declared roots the policy does not list); here every
        // root the policy requires must be declared read-only.
        List<String> declaredRoots = RuleMatcher.strings(sandbox, "read_only_roots");
        if (!declaredRoots.containsAll(rule.requiredReadOnlyRoots())) {
            codes.add("sandbox_read_only_root_missing");
        }
        String status = codes.isEmpty() ? "valid" : codes.stream().anyMatch(c -> c.endsWith("_missing")) ? "missing" : "disallowed";
        JsonObject decision = JsonObject.builder()
                .put("status", status)
                .putOmitEmpty("network_mode", text(sandbox, "network_mode"))
                .putOmitEmpty("env_exposure_mode", text(sandbox, "env_exposure_mode"))
                .putOmitEmpty("timeout_seconds", RuleMatcher.number(sandbox, "timeout_seconds"))
                .putOmitEmpty("filesystem_isolation", text(sandbox, "filesystem_isolation"))
                .putOmitEmpty("user_mode", text(sandbox, "user_mode"))
                .putOmitEmpty("evidence_ref", text(sandbox, "evidence_ref"))
                .putOmitEmpty("evidence_digest", text(sandbox, "evidence_digest"))
                .putStringsOmitEmpty("reason_codes", codes)
                .build();
        return new Result(codes, codes.isEmpty() ? null : Verdict.BLOCK, decision);
    }

    /** {@code path} lies at or below {@code prefix}, segment by segment; {@code /} allows every absolute path. */
    static boolean under(String path, String prefix) {
        if (prefix.equals("/")) {
            return path.startsWith("/");
        }
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static void allowed(List<String> codes, List<String> allowed, String value, String prefix) {
        if (allowed.isEmpty()) {
            return;
        }
        if (value.isEmpty()) {
            codes.add(prefix + "_missing");
        } else if (!allowed.contains(value)) {
            codes.add(prefix + "_disallowed");
        }
    }
}
