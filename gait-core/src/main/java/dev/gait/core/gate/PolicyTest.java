package dev.gait.core.gate;

import dev.gait.core.canon.GoTime;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonObject;
import dev.gait.core.version.GaitVersion;
import java.time.Instant;
import java.util.List;

/**
 * One policy evaluation without the gate's runtime stages (no approvals, rate limits, broker or
 * signing): what a policy says about an intent, as {@code gait.policytest.result}. The intent is
 * digested as normalised, context claims included.
 */
public final class PolicyTest {
    public static final String SCHEMA_ID = "gait.policytest.result";
    static final int SUMMARY_LIMIT = 240;

    private PolicyTest() {}

    public record Result(Decision decision, String policyDigest, String intentDigest, JsonObject json) {}

    public static Result run(Policy policy, JsonObject intentJson, Instant now) {
        NormalizedIntent intent = IntentNormalizer.normalize(intentJson);
        Decision decision = PolicyEvaluator.evaluate(policy, intent, now);
        String policyDigest = policy.digest();
        String intentDigest = intent.intentDigest();
        JsonObject json = JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", GoTime.formatUtc(now))
                .put("producer_version", GaitVersion.current())
                .put("policy_digest", policyDigest)
                .put("intent_digest", intentDigest)
                .put("verdict", decision.verdict().wire())
                .putStrings("reason_codes", decision.reasonCodes())
                .putStrings("violations", decision.violations())
                .putOmitEmpty("matched_rule", decision.matchedRule())
                .build();
        return new Result(decision, policyDigest, intentDigest, json);
    }

    /** {@code policy test verdict=<v> reasons=<csv|none> violations=<csv|none>}, cut to 240 characters as {@code …(+N)}. */
    public static String summary(Decision decision) {
        String text = "policy test verdict=" + decision.verdict().wire() + " reasons=" + csv(decision.reasonCodes())
                + " violations=" + csv(decision.violations());
        if (text.length() <= SUMMARY_LIMIT) {
            return text;
        }
        String cut = text.substring(0, SUMMARY_LIMIT);
        return cut + "…(+" + (text.length() - SUMMARY_LIMIT) + ")";
    }

    private static String csv(List<String> values) {
        return values.isEmpty() ? "none" : String.join(",", values);
    }
}
