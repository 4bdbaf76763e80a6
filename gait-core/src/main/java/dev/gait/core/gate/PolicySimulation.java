package dev.gait.core.gate;

import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a candidate policy with a baseline over a set of fixture intents, and recommends how to
 * roll the candidate out: {@code enforce} when nothing changes or it only tightens where nothing was
 * blocked, {@code observe} when it would allow something the baseline stopped, {@code require_approval}
 * when it newly blocks calls.
 */
public final class PolicySimulation {

    private PolicySimulation() {}

    /** A fixture: its name (path) and intent. */
    public record Fixture(String name, JsonObject intent) {}

    public static JsonObject run(Policy baseline, Policy candidate, List<Fixture> fixtures, Instant now) {
        Map<String, Integer> baselineCounts = new LinkedHashMap<>();
        Map<String, Integer> candidateCounts = new LinkedHashMap<>();
        List<JsonValue> changed = new ArrayList<>();
        boolean relaxes = false;
        boolean newBlock = false;
        for (Fixture fixture : fixtures) {
            Decision before = PolicyTest.run(baseline, fixture.intent(), now).decision();
            Decision after = PolicyTest.run(candidate, fixture.intent(), now).decision();
            baselineCounts.merge(before.verdict().wire(), 1, Integer::sum);
            candidateCounts.merge(after.verdict().wire(), 1, Integer::sum);
            boolean differs = before.verdict() != after.verdict() || !before.reasonCodes().equals(after.reasonCodes())
                    || !before.violations().equals(after.violations()) || !before.matchedRule().equals(after.matchedRule());
            if (differs) {
                changed.add(JsonObject.builder()
                        .put("fixture", fixture.name())
                        .put("baseline_verdict", before.verdict().wire())
                        .put("candidate_verdict", after.verdict().wire())
                        .putStrings("baseline_reason_codes", before.reasonCodes())
                        .putStrings("candidate_reason_codes", after.reasonCodes())
                        .build());
            }
            relaxes |= before.verdict() != Verdict.ALLOW && after.verdict() == Verdict.ALLOW;
            newBlock |= after.verdict() == Verdict.BLOCK && before.verdict() != Verdict.BLOCK;
        }
        String recommendation = changed.isEmpty() ? "enforce" : relaxes ? "observe" : newBlock ? "require_approval" : "enforce";
        String summary = "policy simulate: fixtures=" + fixtures.size() + " changed=" + changed.size() + " recommendation=" + recommendation;
        return JsonObject.builder()
                .put("baseline_policy_digest", baseline.digest())
                .put("candidate_policy_digest", candidate.digest())
                .put("fixtures_total", fixtures.size())
                .put("changed_fixtures", changed.size())
                .put("baseline_verdicts", counts(baselineCounts))
                .put("candidate_verdicts", counts(candidateCounts))
                .put("recommendation", recommendation)
                .put("summary", summary)
                .putOmitEmpty("changed", new JsonArray(changed))
                .build();
    }

    private static JsonArray counts(Map<String, Integer> counts) {
        List<JsonValue> entries = new ArrayList<>();
        for (Verdict verdict : Verdict.values()) {
            Integer count = counts.get(verdict.wire());
            if (count != null) {
                entries.add(JsonObject.builder().put("verdict", verdict.wire()).put("count", count).build());
            }
        }
        return new JsonArray(entries);
    }
}
