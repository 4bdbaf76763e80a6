package dev.gait.core.reduce;

import dev.gait.core.error.GaitException;
import dev.gait.core.gate.PolicyTest;
import dev.gait.core.gate.Verdict;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonObject;
import dev.gait.core.regress.Trajectory;
import dev.gait.core.runpack.RecordInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /** The verdict a recorded result stands for, read as regress reads it (one mapping for both). */
    static String recordedVerdict(RecordInput.Result result) {
        return Trajectory.recordedVerdict(result.status(), result.result());
    }
}
