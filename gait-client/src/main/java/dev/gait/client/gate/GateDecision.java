package dev.gait.client.gate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gait's answer for one intent, as {@code gate eval --json} and the sidecar print it; or, when no
 * answer could be had, a fail-closed {@code block} that names the cause. Only {@link #isAllow()}
 * lets a tool run.
 */
public final class GateDecision {

    public static final String ALLOW = "allow";
    public static final String BLOCK = "block";
    public static final String REQUIRE_APPROVAL = "require_approval";
    public static final String DRY_RUN = "dry_run";
    private static final Set<String> VERDICTS = Set.of(ALLOW, BLOCK, REQUIRE_APPROVAL, DRY_RUN);

    /** Reason codes of the decisions the SDK makes up when Gait could not be asked. */
    public static final String CLIENT_UNAVAILABLE = "gait_client_unavailable";
    public static final String CLIENT_TIMEOUT = "gait_client_timeout";
    public static final String CLIENT_INVALID_RESPONSE = "gait_client_invalid_response";
    public static final String CLIENT_UNKNOWN_VERDICT = "gait_client_unknown_verdict";

    private final String verdict;
    private final List<String> reasonCodes;
    private final String error;
    private final Map<String, Object> response;

    private GateDecision(String verdict, List<String> reasonCodes, String error, Map<String, Object> response) {
        this.verdict = verdict;
        this.reasonCodes = Collections.unmodifiableList(reasonCodes);
        this.error = error;
        this.response = Collections.unmodifiableMap(response);
    }

    /**
     * The decision in a Gait answer. An error envelope ({@code ok: false}), a missing or unknown
     * verdict become a block that carries the envelope's {@code error_code} and message.
     */
    public static GateDecision fromResponse(Map<String, Object> response) {
        Object verdict = response.get("verdict");
        List<String> reasons = strings(response.get("reason_codes"));
        if (!Boolean.TRUE.equals(response.get("ok"))) {
            String code = response.get("error_code") instanceof String c ? c : CLIENT_INVALID_RESPONSE;
            String message = response.get("error") instanceof String m ? m : "gait answered ok=false";
            return failure(code, message, response);
        }
        if (!(verdict instanceof String v) || !VERDICTS.contains(v)) {
            return failure(CLIENT_UNKNOWN_VERDICT, "gait answered an unknown verdict: " + verdict, response);
        }
        return new GateDecision(v, reasons, null, response);
    }

    /** A block for an intent Gait could not decide; {@code reasonCode} names the cause. */
    public static GateDecision failure(String reasonCode, String message) {
        return failure(reasonCode, message, Map.of());
    }

    private static GateDecision failure(String reasonCode, String message, Map<String, Object> response) {
        return new GateDecision(BLOCK, List.of(reasonCode), message, response);
    }

    public boolean isAllow() {
        return ALLOW.equals(verdict) && error == null;
    }

    /** allow, block, require_approval or dry_run. */
    public String verdict() {
        return verdict;
    }

    public List<String> reasonCodes() {
        return reasonCodes;
    }

    /** Why no decision could be had (then the verdict is block), or null for a real decision. */
    public String error() {
        return error;
    }

    public boolean isFailure() {
        return error != null;
    }

    public String traceId() {
        return string("trace_id");
    }

    public String tracePath() {
        return string("trace_path");
    }

    public String policyDigest() {
        return string("policy_digest");
    }

    public String intentDigest() {
        return string("intent_digest");
    }

    public String matchedRule() {
        return string("matched_rule");
    }

    /** Gait's whole answer (empty when it could not be asked). */
    public Map<String, Object> response() {
        return response;
    }

    private String string(String name) {
        return response.get(name) instanceof String s ? s : null;
    }

    private static List<String> strings(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                list.add(String.valueOf(item));
            }
        }
        return list;
    }

    @Override
    public String toString() {
        return "verdict=" + verdict + " reason_codes=" + reasonCodes
                + (traceId() == null ? "" : " trace_id=" + traceId())
                + (error == null ? "" : " error=" + error);
    }
}
