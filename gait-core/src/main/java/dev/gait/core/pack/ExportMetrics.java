package dev.gait.core.pack;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.runpack.RunpackReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tool-call metrics of a run, as Gait v1 exports them: calls (results, else intents), successes
 * (status {@code ok}), verdicts {@code block} and {@code require_approval} from result payloads, and
 * results that look like regression failures. Reference-capture runs keep no payloads, so their
 * verdict and regression counts are 0.
 */
public record ExportMetrics(int toolCallsTotal, int toolCallsSuccess, double toolCallsSuccessRate, int policyBlocked,
                            int approvalRequired, int regressFailures) {
    static final ExportMetrics NONE = new ExportMetrics(0, 0, 0, 0, 0, 0);

    static ExportMetrics of(RunpackReader.Records records) {
        int total = records.results().isEmpty() ? records.intents().size() : records.results().size();
        int success = 0;
        int blocked = 0;
        int approval = 0;
        int regress = 0;
        for (JsonObject result : records.results()) {
            if (result.string("status").orElse("").strip().equalsIgnoreCase("ok")) {
                success++;
            }
            JsonObject payload = result.object("result").orElse(JsonObject.EMPTY);
            String verdict = verdict(payload);
            blocked += verdict.equals("block") ? 1 : 0;
            approval += verdict.equals("require_approval") ? 1 : 0;
            regress += isRegressFailure(payload) ? 1 : 0;
        }
        return new ExportMetrics(total, success, total > 0 ? (double) success / total : 0, blocked, approval, regress);
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("tool_calls_total", toolCallsTotal)
                .put("tool_calls_success", toolCallsSuccess)
                .put("tool_calls_success_rate", toolCallsSuccessRate)
                .put("policy_blocked", policyBlocked)
                .put("approval_required", approvalRequired)
                .put("regress_failures", regressFailures)
                .build();
    }

    private static String verdict(JsonObject payload) {
        String verdict = payload.string("verdict").orElse("").strip().toLowerCase(Locale.ROOT);
        return switch (verdict) {
            case "allow", "block", "require_approval" -> verdict;
            case "approval_required", "needs_approval", "needsapproval" -> "require_approval";
            default -> "";
        };
    }

    /** Gait v1's heuristic: failure counts, a failing status, or a reason mentioning a regression failure or drift. */
    private static boolean isRegressFailure(JsonObject payload) {
        for (String count : List.of("regress_failures", "failed")) {
            if (payload.get(count).filter(v -> v instanceof JsonNumber n && (long) n.value() > 0).isPresent()) {
                return true;
            }
        }
        for (String status : List.of("regress_status", "status", "result_status")) {
            String value = payload.string(status).orElse("").strip().toLowerCase(Locale.ROOT);
            if (value.equals("fail") || value.equals("failed") || value.equals("regress_failed")) {
                return true;
            }
        }
        List<String> reasons = new ArrayList<>();
        payload.array("reason_codes").orElse(JsonArray.EMPTY).elements().stream()
                .filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value()).forEach(reasons::add);
        reasons.add(payload.string("reason").orElse(""));
        reasons.add(payload.string("failure_reason").orElse(""));
        return reasons.stream().map(r -> r.strip().toLowerCase(Locale.ROOT))
                .anyMatch(r -> r.contains("regress") && (r.contains("fail") || r.contains("drift")));
    }
}
