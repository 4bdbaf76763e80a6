package dev.gait.core.reduce;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.error.GaitException;
import dev.gait.core.gate.PolicyTest;
import dev.gait.core.gate.Verdict;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RecordInput;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code verdict_changed}: for some kept step, the verdict its result recorded differs from what the
 * policy decides now for its intent ({@link PolicyTest}, the single evaluation of
 * {@code gait policy test}). The gate intent is the recorded tool name and arguments, without
 * targets, under {@link #CONTEXT}, so the run must be a raw capture. A step without a result has
 * no recorded verdict and never counts.
 */
public final class VerdictChanged implements ReducePredicate {
    public static final String NAME = "verdict_changed";

    /** Runpacks record no gate context; every evaluated intent gets this one. */
    public static final JsonObject CONTEXT = JsonObject.builder()
            .put("identity", "gait-reduce").put("workspace", ".").put("risk_class", "low").build();

    private static final Set<String> ALLOW = Set.of("ok", "pass", "success", "allow", "allowed");
    private static final Set<String> BLOCK = Set.of("block", "blocked", "deny", "denied");
    private static final Set<String> REQUIRE_APPROVAL = Set.of("require_approval", "approval_required", "needs_approval");
    private static final Set<String> DRY_RUN = Set.of("dry_run", "dryrun", "simulate", "simulated");

    private final Policy policy;
    private final Instant evaluationTime;

    public VerdictChanged(Policy policy, Instant evaluationTime) {
        this.policy = policy;
        this.evaluationTime = evaluationTime;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean holds(Candidate candidate) {
        if (!candidate.rawCapture()) {
            throw GaitException.invalidInput(NAME + " needs a raw-capture runpack: this one was recorded with reference capture, "
                    + "so its intent arguments are gone");
        }
        Map<String, List<RecordInput.Result>> resultsByIntent = candidate.results().stream()
                .collect(Collectors.groupingBy(RecordInput.Result::intentId));
        for (RecordInput.Intent intent : candidate.intents()) {
            List<RecordInput.Result> results = resultsByIntent.getOrDefault(intent.intentId(), List.of());
            if (!results.isEmpty()) {
                String decided = decide(intent).wire();
                if (results.stream().anyMatch(result -> !recordedVerdict(result).equals(decided))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Verdict decide(RecordInput.Intent intent) {
        if (intent.args() == null) {
            throw GaitException.invalidInput(NAME + " needs every intent's args: intent " + intent.intentId() + " has none");
        }
        JsonObject gateIntent = JsonObject.builder()
                .put("tool_name", intent.toolName())
                .put("args", intent.args())
                .put("context", CONTEXT)
                .build();
        try {
            return PolicyTest.run(policy, gateIntent, evaluationTime).decision().verdict();
        } catch (GaitException e) {
            throw new GaitException(e.category(), "intent " + intent.intentId() + ": " + e.getMessage(), e);
        }
    }

    /** The result's {@code verdict} member when it has one, else its status read as a verdict; {@code error} for anything else. */
    static String recordedVerdict(RecordInput.Result result) {
        String verdict = result.result() == null ? ""
                : result.result().string("verdict").map(v -> GoStrings.trimSpace(v).toLowerCase(Locale.ROOT)).orElse("");
        if (!verdict.isEmpty()) {
            return verdict;
        }
        String status = GoStrings.trimSpace(result.status()).toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (ALLOW.contains(status)) {
            return Verdict.ALLOW.wire();
        }
        if (BLOCK.contains(status)) {
            return Verdict.BLOCK.wire();
        }
        if (REQUIRE_APPROVAL.contains(status)) {
            return Verdict.REQUIRE_APPROVAL.wire();
        }
        return DRY_RUN.contains(status) ? Verdict.DRY_RUN.wire() : "error";
    }
}
