package dev.gait.core.gate;

import static dev.gait.core.gate.RuleMatcher.text;

import dev.gait.core.gate.policy.Policy;
import dev.gait.core.gate.policy.PolicyRule;
import dev.gait.core.gate.policy.RuleSections;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gait's evaluation algorithm: fail-closed pre-checks, then rules by priority tier (the first
 * matching priority decides, the most restrictive rule within it wins), each matched rule refined by
 * its dataflow, endpoint, context-evidence, agent-identity, credential, freeze-window, sandbox and
 * destructive-operation checks; the default verdict when
 * nothing matches; scripts evaluated step by step and rolled up.

 */
public final class PolicyEvaluator {
    static final Set<String> NET_DESTINATIONS = Set.of("host", "url", "bucket", "queue", "topic");

    private PolicyEvaluator() {}

    /** Evaluates at the current time (agent expiry is judged against it). */
    public static Decision evaluate(Policy policy, NormalizedIntent intent) {
        return evaluate(policy, intent, Instant.now());
    }

    public static Decision evaluate(Policy policy, NormalizedIntent intent, Instant evaluationTime) {
        return evaluate(policy, intent, evaluationTime, null);
    }

    /**
     * @param inventory enriches each script step's context with its own tool's entry (single intents
     *                  arrive already enriched); may be null
     */
    public static Decision evaluate(Policy policy, NormalizedIntent intent, Instant evaluationTime, WrkrInventory inventory) {
        Decision failClosed = failClosed(policy, intent);
        if (failClosed != null) {
            return failClosed;
        }
        return intent.isScript() ? evaluateScript(policy, intent, evaluationTime, inventory)
                : evaluateSingle(policy, intent, evaluationTime);
    }

    // ---- fail closed ----

    private static Decision failClosed(Policy policy, NormalizedIntent intent) {
        Policy.FailClosed settings = policy.failClosed();
        String risk = text(intent.context(), "risk_class");
        if (!settings.enabled() || !settings.riskClasses().contains(risk)) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (String field : settings.requiredFields()) {
            boolean missing = switch (field) {
                case "targets" -> intent.targets().isEmpty();
                case "arg_provenance" -> intent.argProvenance().isEmpty();
                case "endpoint_class" -> intent.targets().stream().noneMatch(t -> !t.endpointClass().isEmpty() && !t.endpointClass().equals("other"));
                case "delegation" -> intent.delegation() == null;
                default -> text(intent.context(), "context_set_digest").isEmpty();
            };
            if (missing && field.equals("context_evidence")) {
                reasons.add("context_evidence_missing");
                violations.add("missing_context_evidence");
            } else if (missing) {
                reasons.add("fail_closed_missing_" + field);
                violations.add("missing_" + field);
            }
        }
        for (String field : settings.requiredHighRiskFields()) {
            boolean missing = switch (field) {
                case "agent_identity" -> intent.context().object("agent_identity").isEmpty();
                case "credential_ttl_seconds" -> RuleMatcher.number(intent.context(), field) <= 0;
                default -> text(intent.context(), field).isEmpty();
            };
            if (missing) {
                reasons.add("fail_closed_missing_" + field);
                violations.add("missing_" + field);
            }
        }
        if (intent.targets().stream().anyMatch(t -> t.endpointClass().isEmpty() || t.endpointClass().equals("other"))) {
            reasons.add("fail_closed_endpoint_class_unknown");
            violations.add("endpoint_class_unknown");
        }
        return reasons.isEmpty() ? null : Decision.simple(Verdict.BLOCK, reasons, violations);
    }

    // ---- single intents ----

    private record Outcome(PolicyRule rule, Verdict effect, List<String> reasons, List<String> violations, JsonObject freezeWindow,
                           JsonObject sandbox) {}

    static Decision evaluateSingle(Policy policy, NormalizedIntent intent, Instant now) {
        List<Outcome> tier = new ArrayList<>();
        Long tierPriority = null;
        for (PolicyRule rule : policy.rules()) {
            if (tierPriority != null && rule.priority() != tierPriority) {
                break;
            }
            if (RuleMatcher.matches(rule.match(), intent)) {
                tierPriority = rule.priority();
                tier.add(evaluateRule(rule, intent, now));
            }
        }
        if (tier.isEmpty()) {
            Verdict verdict = Verdict.parse(policy.defaultVerdict());
            List<String> reasons = new ArrayList<>(List.of("default_" + verdict.wire()));
            // Gait v1 skips destructive escalation on the default path; here it applies there too
            verdict = escalateDestructive(intent, verdict, reasons);
            return Decision.simple(verdict, reasons, List.of());
        }
        Verdict verdict = tier.stream().map(Outcome::effect).reduce(Verdict.ALLOW, Verdict::max);
        List<Outcome> deciding = tier.stream().filter(o -> o.effect() == verdict).toList();
        List<String> reasons = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        Set<String> names = new TreeSet<>(dev.gait.core.canon.GoStrings.BYTE_ORDER);
        long minApprovals = 0;
        boolean delegation = false;
        List<String> delegationScopes = new ArrayList<>();
        RuleSections.Budget rateLimit = null;
        RuleSections.Budget destructiveBudget = null;
        JsonObject freezeWindow = null;
        JsonObject sandbox = null;
        for (Outcome outcome : deciding) {
            freezeWindow = moreSevere(freezeWindow, outcome.freezeWindow(), List.of("invalid", "active", "inactive"));
            sandbox = moreSevere(sandbox, outcome.sandbox(), List.of("missing", "invalid", "disallowed", "valid"));
            PolicyRule rule = outcome.rule();
            reasons.addAll(outcome.reasons());
            violations.addAll(outcome.violations());
            names.add(rule.name());
            minApprovals = Math.max(minApprovals, rule.effectiveMinApprovals());
            delegation |= rule.match().constrainsDelegation();
            delegationScopes.addAll(rule.match().delegationScopes());
            rateLimit = stricter(rateLimit, rule.rateLimit());
            destructiveBudget = stricter(destructiveBudget, rule.destructiveBudget());
        }
        boolean approval = verdict == Verdict.REQUIRE_APPROVAL;
        return new Decision(verdict, Decision.sorted(reasons), Decision.sorted(violations), String.join(",", names),
                approval ? minApprovals : 0, CredentialTerms.of(deciding.stream().map(Outcome::rule).toList()), delegation, Decision.sorted(delegationScopes), rateLimit, destructiveBudget, freezeWindow, sandbox, List.of(), "");
    }

    private static Outcome evaluateRule(PolicyRule rule, NormalizedIntent intent, Instant now) {
        Verdict effect = Verdict.parse(rule.effect());
        List<String> reasons = new ArrayList<>(rule.emittedReasonCodes());
        List<String> violations = new ArrayList<>(rule.violations());

        if (rule.dataflow() != null && dataflowTriggered(rule.dataflow(), intent)) {
            // Gait v1 replaces the effect, which can relax a block; here dataflow only tightens
            effect = effect.max(Verdict.parse(rule.dataflow().action()));
            reasons.add(rule.dataflow().reasonCode());
            violations.add(rule.dataflow().violation());
        }
        if (rule.endpoint() != null) {
            effect = EndpointCheck.apply(rule.endpoint(), intent.targets(), effect, reasons, violations);
        }
        if (rule.requireContextEvidence() || !rule.requiredContextEvidenceMode().isEmpty() || rule.maxContextAgeSeconds() > 0) {
            effect = contextEvidence(rule, intent.context(), effect, reasons, violations);
        }
        if (IdentityChecks.constrainsAgent(rule)) {
            effect = blockOn(IdentityChecks.agentFailures(rule, intent.context(), now), effect, reasons, violations);
        }
        if (IdentityChecks.constrainsCredential(rule)) {
            effect = blockOn(IdentityChecks.credentialFailures(rule, intent.context(), intent.targets()), effect, reasons, violations);
        }
        JsonObject freezeDecision = null;
        if (rule.freezeWindow() != null) {
            RuntimeChecks.Result freeze = RuntimeChecks.freezeWindow(rule.freezeWindow(), intent.context(), now);
            effect = apply(freeze, effect, reasons, violations);
            freezeDecision = freeze.decision();
        }
        JsonObject sandboxDecision = null;
        boolean sandboxedExec = false;
        if (rule.sandbox() != null) {
            RuntimeChecks.Result sandbox = RuntimeChecks.sandbox(rule.sandbox(), intent.context());
            effect = apply(sandbox, effect, reasons, violations);
            sandboxDecision = sandbox.decision();
            sandboxedExec = sandbox.codes().isEmpty() && !intent.targets().isEmpty()
                    && intent.targets().stream().allMatch(t -> t.endpointClass().equals("proc.exec"));
        }
        if (!sandboxedExec) {
            effect = escalateDestructive(intent, effect, reasons);
        }
        return new Outcome(rule, effect, reasons, violations, freezeDecision, sandboxDecision);
    }

    private static Verdict apply(RuntimeChecks.Result result, Verdict effect, List<String> reasons, List<String> violations) {
        if (result.effect() == null) {
            return effect;
        }
        reasons.addAll(result.codes());
        violations.addAll(result.codes());
        return effect.max(result.effect());
    }

    /** Destructive targets need approval when applied and only run dry when planned. */
    private static Verdict escalateDestructive(NormalizedIntent intent, Verdict effect, List<String> reasons) {
        if (intent.targets().stream().noneMatch(Target::destructive)) {
            return effect;
        }
        if (text(intent.context(), "phase").equals("plan")) {
            reasons.add("plan_phase_non_destructive");
            return effect.max(Verdict.DRY_RUN);
        }
        reasons.add("destructive_apply_requires_approval");
        return effect.max(Verdict.REQUIRE_APPROVAL);
    }

    /** Failures block; each code is both a reason and a violation. */
    private static Verdict blockOn(List<String> codes, Verdict effect, List<String> reasons, List<String> violations) {
        if (codes.isEmpty()) {
            return effect;
        }
        reasons.addAll(codes);
        violations.addAll(codes);
        return Verdict.BLOCK;
    }

    private static boolean dataflowTriggered(RuleSections.Dataflow dataflow, NormalizedIntent intent) {
        boolean tainted = intent.argProvenance().stream().anyMatch(p -> dataflow.taintedSources().contains(text(p, "source")));
        if (!tainted) {
            return false;
        }
        boolean unfiltered = dataflow.destinationKinds().isEmpty() && dataflow.destinationValues().isEmpty()
                && dataflow.destinationOperations().isEmpty();
        if (unfiltered) {
            return intent.targets().stream().anyMatch(t -> NET_DESTINATIONS.contains(t.kind()));
        }
        return intent.targets().stream().anyMatch(t ->
                (dataflow.destinationKinds().isEmpty() || dataflow.destinationKinds().contains(t.kind()))
                        && (dataflow.destinationValues().isEmpty() || dataflow.destinationValues().contains(t.value()))
                        && (dataflow.destinationOperations().isEmpty() || dataflow.destinationOperations().contains(t.operation())));
    }

    private static Verdict contextEvidence(PolicyRule rule, JsonObject context, Verdict effect, List<String> reasons,
                                           List<String> violations) {
        boolean fired = false;
        if (text(context, "context_set_digest").isEmpty()) {
            reasons.add("context_evidence_missing");
            reasons.add("context_set_digest_missing");
            violations.add("missing_context_evidence");
            fired = true;
        }
        if (rule.requiredContextEvidenceMode().equals("required") && !text(context, "context_evidence_mode").equals("required")) {
            reasons.add("context_evidence_mode_mismatch");
            violations.add("context_evidence_mode_violation");
            fired = true;
        }
        if (rule.maxContextAgeSeconds() > 0) {
            JsonObject auth = context.object("auth_context").orElse(JsonObject.EMPTY);
            Double age = auth.get("context_age_seconds").filter(JsonNumber.class::isInstance)
                    .map(v -> ((JsonNumber) v).value()).orElse(null);
            if (age == null || age < 0 || age > rule.maxContextAgeSeconds()) {
                reasons.add("context_freshness_exceeded");
                violations.add("context_freshness_violation");
                fired = true;
            }
        }
        return fired ? Verdict.BLOCK : effect;
    }

    /** The decision object whose status comes first in {@code severity}. */
    private static JsonObject moreSevere(JsonObject current, JsonObject candidate, List<String> severity) {
        if (candidate == null) {
            return current;
        }
        if (current == null) {
            return candidate;
        }
        int a = severity.indexOf(text(current, "status"));
        int b = severity.indexOf(text(candidate, "status"));
        return b < a ? candidate : current;
    }

    /** The more restrictive of two budgets: fewer requests, then minute before hour, then scope name. */
    private static RuleSections.Budget stricter(RuleSections.Budget a, RuleSections.Budget b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int byRequests = Long.compare(a.requests(), b.requests());
        if (byRequests != 0) {
            return byRequests < 0 ? a : b;
        }
        if (!a.window().equals(b.window())) {
            return a.window().equals("minute") ? a : b;
        }
        return a.scope().compareTo(b.scope()) <= 0 ? a : b;
    }

    // ---- scripts ----

    private static Decision evaluateScript(Policy policy, NormalizedIntent script, Instant now, WrkrInventory inventory) {
        List<Decision.StepVerdict> steps = new ArrayList<>();
        Verdict verdict = Verdict.ALLOW;
        List<String> reasons = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        long minApprovals = 0;
        List<CredentialTerms> credentialTerms = new ArrayList<>();
        boolean delegation = false;
        List<String> delegationScopes = new ArrayList<>();
        RuleSections.Budget rateLimit = null;
        RuleSections.Budget destructiveBudget = null;
        Set<String> risks = new TreeSet<>();
        String composite = "low";
        for (int i = 0; i < script.steps().size(); i++) {
            NormalizedIntent step = script.steps().get(i);
            JsonObject stepContext = inventory == null ? script.context() : inventory.enrich(script.context(), step.toolName());
            NormalizedIntent asIntent = new NormalizedIntent(step.toolName(), step.args(), step.targets(), step.argProvenance(),
                    script.skillProvenance(), script.delegation(), stepContext, null, List.of(), null);
            Decision decision = evaluateSingle(policy, asIntent, now);
            steps.add(new Decision.StepVerdict(i + 1, step.toolName(), decision.verdict(), decision.reasonCodes(),
                    decision.violations(), decision.matchedRule()));
            verdict = verdict.max(decision.verdict());
            reasons.addAll(decision.reasonCodes());
            violations.addAll(decision.violations());
            minApprovals = Math.max(minApprovals, decision.minApprovals());
            credentialTerms.add(decision.credentialTerms());
            delegation |= decision.requireDelegation();
            delegationScopes.addAll(decision.delegationScopes());
            rateLimit = stricter(rateLimit, decision.rateLimit());
            destructiveBudget = stricter(destructiveBudget, decision.destructiveBudget());
            String risk = stepRisk(step.targets());
            risks.add(risk);
            composite = riskRank(risk) > riskRank(composite) ? risk : composite;
        }
        Policy.Scripts limits = policy.scripts();
        if (script.steps().size() > limits.effectiveMaxSteps()) {
            verdict = Verdict.BLOCK;
            reasons.add("script_max_steps_exceeded");
            violations.add("script_max_steps_exceeded");
        }
        if (limits.requireApprovalAbove() > 0 && script.steps().size() > limits.requireApprovalAbove()) {
            verdict = verdict.max(Verdict.REQUIRE_APPROVAL);
            reasons.add("script_step_threshold_approval");
            minApprovals = Math.max(1, minApprovals);
        }
        if (limits.blockMixedRisk() && risks.size() > 1) {
            verdict = Verdict.BLOCK;
            reasons.add("script_mixed_risk_blocked");
            violations.add("script_mixed_risk");
        }
        boolean approval = verdict == Verdict.REQUIRE_APPROVAL;
        return new Decision(verdict, Decision.sorted(reasons), Decision.sorted(violations), "",
                approval ? Math.max(1, minApprovals) : 0, CredentialTerms.merge(credentialTerms), delegation, Decision.sorted(delegationScopes), rateLimit, destructiveBudget,
                null, null, steps, composite);
    }

    static String stepRisk(List<Target> targets) {
        if (targets.stream().anyMatch(t -> t.destructive() || t.endpointClass().equals("fs.delete") || t.endpointClass().equals("proc.exec"))) {
            return "high";
        }
        if (targets.stream().anyMatch(t -> Set.of("fs.write", "net.http", "net.dns").contains(t.endpointClass()))) {
            return "medium";
        }
        return "low";
    }

    private static int riskRank(String risk) {
        return switch (risk) {
            case "high" -> 2;
            case "medium" -> 1;
            default -> 0;
        };
    }
}
