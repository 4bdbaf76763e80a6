package dev.gait.core.config;

import dev.gait.core.error.GaitException;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.gate.policy.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code oss-prod} profile's rules: a production gate must not simulate, must sign with a real
 * key, must not default to allow, and must broker credentials for every rule that lets high-risk
 * calls through. {@code gate eval} refuses to run against them; {@code doctor --production-readiness}
 * reports them ahead of time.
 */
public final class OssProdProfile {
    public static final String NAME = "oss-prod";

    private OssProdProfile() {}

    /** {@code gate eval}'s pre-checks: the first problem is invalid input (exit 6). */
    public static void check(Policy policy, boolean simulate, boolean prodKeys, boolean brokerConfigured) {
        if (simulate) {
            throw GaitException.invalidInput("oss-prod profile does not allow --simulate");
        }
        if (!prodKeys) {
            throw GaitException.invalidInput("oss-prod profile requires --key-mode prod and a private key");
        }
        List<String> problems = policyProblems(policy, brokerConfigured);
        if (!problems.isEmpty()) {
            throw GaitException.invalidInput(problems.getFirst());
        }
    }

    /** What the profile rejects in a policy, in rule order; empty when the policy passes. */
    public static List<String> policyProblems(Policy policy, boolean brokerConfigured) {
        List<String> problems = new ArrayList<>();
        if (policy.defaultVerdict().equals("allow")) {
            problems.add("oss-prod profile rejects default_verdict: allow");
        }
        for (PolicyRule rule : policy.rules()) {
            boolean highRisk = rule.match().riskClasses().contains("high") || rule.match().riskClasses().contains("critical");
            if (!highRisk || rule.effect().equals("block") || !rule.leastPrivilegeOptOut().isEmpty()) {
                continue; // an explicit, reasoned opt-out; the trace of every call it allows says so
            }
            if (!rule.requireBrokerCredential()) {
                problems.add("oss-prod profile: rule " + rule.name() + " lets high-risk calls through without require_broker_credential");
            } else if (!brokerConfigured) {
                problems.add("oss-prod profile: rule " + rule.name() + " requires a credential broker; configure one with --credential-broker");
            }
        }
        return problems;
    }
}
