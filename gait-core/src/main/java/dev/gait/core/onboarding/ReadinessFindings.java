package dev.gait.core.onboarding;

import dev.gait.core.gate.policy.Policy;
import dev.gait.core.gate.policy.PolicyRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code gait check}'s findings: a policy judged against itself and against what the repository shows. */
public final class ReadinessFindings {

    private ReadinessFindings() {}

    public static List<ReadinessFinding> of(Policy policy, RepoDetection detection, RepoSignals signals) {
        List<ReadinessFinding> findings = new ArrayList<>();
        if (policy.rules().isEmpty()) {
            findings.add(warning("policy.no_rules", "policy defines no explicit rules; only default_verdict will apply", "policy.rules",
                    "add explicit rules or review generated starter suggestions from `gait init --json`", List.of()));
        }
        if (policy.defaultVerdict().equals("allow")) {
            findings.add(warning("policy.default_allow",
                    "default_verdict=allow is permissive; high-risk repos usually prefer require_approval or block", "policy.default_verdict",
                    "set `default_verdict` to `require_approval` or `block` before production rollout", List.of()));
        }
        Set<String> matched = new HashSet<>();
        boolean nonAllow = false;
        for (PolicyRule rule : policy.rules()) {
            nonAllow |= !rule.effect().equals("allow");
            rule.match().toolNames().stream().map(String::strip).filter(name -> !name.isEmpty()).forEach(matched::add);
        }
        if (!nonAllow) {
            findings.add(warning("policy.no_non_allow_rules", "policy has no non-allow rules; enforce paths will not block or require approval",
                    "policy.rules", "add `block` or `require_approval` rules for state-changing or destructive tool classes", List.of()));
        }
        if (detection.frameworks().isEmpty()) {
            findings.add(info("repo.no_supported_framework_detected",
                    "no supported framework tools were detected locally; review whether this repo has an explicit Gait interception seam yet",
                    "repo.frameworks", "wire one explicit tool boundary before relying on runtime enforcement", List.of()));
        }
        List<String> evidence = RepoSignals.first(RepoSignals.candidates(detection.toolNames()), 8);
        if (!detection.toolNames().isEmpty() && matched.isEmpty()) {
            findings.add(warning("repo.tool_inventory_uncovered", "detected tool inventory but no explicit tool_name/tool_names coverage was found",
                    "repo.tools", "add explicit `match.tool_names` coverage for detected tool surfaces", evidence));
        } else if (!detection.toolNames().isEmpty() && detection.toolNames().stream().map(String::strip).noneMatch(matched::contains)) {
            findings.add(warning("repo.tool_inventory_name_mismatch",
                    "detected tool inventory names do not match explicit policy tool_name/tool_names entries", "repo.tools",
                    "normalize detected tool names and policy `match.tool_names` entries before rollout", evidence));
        }
        if (!signals.starterRules().isEmpty()) {
            findings.add(info("repo.generated_rules_available", "repo-aware starter rule suggestions are available from local detection",
                    "repo.signals", "review the generated starter rules in `.gait.yaml` comments and either adopt or discard them explicitly",
                    signals.starterRules().stream().map(StarterRule::id).toList()));
        }
        if (!signals.unknownSignals().isEmpty()) {
            findings.add(info("repo.manual_review_required",
                    "some detected surfaces require manual review because they did not match a high-confidence starter rule pattern",
                    "repo.signals", "review `unknown_signals` and decide whether to add custom policy rules",
                    signals.unknownSignals().getFirst().evidence()));
        }
        if (signals.signals().isEmpty()) {
            findings.add(info("repo.no_high_confidence_signals", "no high-confidence repo signals were detected for starter rule synthesis",
                    "repo.signals", "continue with the baseline template and add custom rules manually", List.of()));
        }
        return findings;
    }

    private static ReadinessFinding warning(String code, String summary, String surface, String remediation, List<String> evidence) {
        return new ReadinessFinding(code, "warning", summary, surface, remediation, evidence);
    }

    private static ReadinessFinding info(String code, String summary, String surface, String remediation, List<String> evidence) {
        return new ReadinessFinding(code, "info", summary, surface, remediation, evidence);
    }
}
