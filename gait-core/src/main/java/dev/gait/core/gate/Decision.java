package dev.gait.core.gate;

import dev.gait.core.gate.policy.RuleSections;
import dev.gait.core.json.JsonObject;
import java.util.List;

/**
 * The outcome of evaluating an intent against a policy: the verdict and everything that explains
 * or conditions it. Lists are de-duplicated and sorted by bytes.
 *
 * @param matchedRule the names of the deciding rules, sorted and comma-joined (empty for the default)
 * @param credentialTerms what the deciding rules ask of a brokered credential
 * @param requireDelegation a deciding rule constrains delegation, so a delegation token is needed
 * @param freezeWindow the deciding rules' freeze-window decision (trace {@code freeze_window}), or null
 * @param sandbox the deciding rules' sandbox decision (trace {@code sandbox}), or null
 * @param stepVerdicts one entry per script step (empty for a single tool call)
 * @param compositeRiskClass for scripts: the highest step risk (low, medium, high); empty otherwise
 */
public record Decision(
        Verdict verdict, List<String> reasonCodes, List<String> violations, String matchedRule, long minApprovals,
        CredentialTerms credentialTerms,
        boolean requireDelegation, List<String> delegationScopes,
        RuleSections.Budget rateLimit, RuleSections.Budget destructiveBudget, JsonObject freezeWindow, JsonObject sandbox,
        List<StepVerdict> stepVerdicts,
        String compositeRiskClass) {

    public Decision {
        reasonCodes = List.copyOf(reasonCodes);
        violations = List.copyOf(violations);
        delegationScopes = List.copyOf(delegationScopes);
        stepVerdicts = List.copyOf(stepVerdicts);
    }

    /** One script step's verdict. */
    public record StepVerdict(int index, String toolName, Verdict verdict, List<String> reasonCodes, List<String> violations,
                              String matchedRule) {}

    /** The decision for a script the approved-script registry pre-approved: allow, every step allowed. */
    static Decision preApproved(NormalizedIntent script) {
        List<StepVerdict> steps = new java.util.ArrayList<>();
        String composite = "low";
        for (int i = 0; i < script.steps().size(); i++) {
            NormalizedIntent step = script.steps().get(i);
            steps.add(new StepVerdict(i + 1, step.toolName(), Verdict.ALLOW, List.of("approved_script_match"), List.of(), ""));
            String risk = PolicyEvaluator.stepRisk(step.targets());
            composite = risk.equals("high") || composite.equals("high") ? "high" : risk.equals("medium") ? "medium" : composite;
        }
        return new Decision(Verdict.ALLOW, List.of("approved_script_match"), List.of(), "", 0, CredentialTerms.NONE, false,
                List.of(), null, null, null, null, steps, composite);
    }

    static Decision simple(Verdict verdict, List<String> reasonCodes, List<String> violations) {
        return new Decision(verdict, sorted(reasonCodes), sorted(violations), "", verdict == Verdict.REQUIRE_APPROVAL ? 1 : 0,
                CredentialTerms.NONE, false, List.of(), null, null, null, null, List.of(), "");
    }

    static List<String> sorted(List<String> values) {
        return dev.gait.core.gate.policy.PolicyLists.normalized(values);
    }
}
