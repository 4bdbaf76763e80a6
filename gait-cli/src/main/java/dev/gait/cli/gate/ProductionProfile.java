package dev.gait.cli.gate;

import dev.gait.core.error.GaitException;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.gate.policy.PolicyRule;

/** The {@code oss-prod} pre-checks: a production gate must not simulate, must sign with a real key, and must not default to allow. */
final class ProductionProfile {

    private ProductionProfile() {}

    static void check(Policy policy, boolean simulate, boolean prodKeys, boolean brokerConfigured) {
        if (simulate) {
            throw GaitException.invalidInput("oss-prod profile does not allow --simulate");
        }
        if (!prodKeys) {
            throw GaitException.invalidInput("oss-prod profile requires --key-mode prod and a private key");
        }
        if (policy.defaultVerdict().equals("allow")) {
            throw GaitException.invalidInput("oss-prod profile rejects default_verdict: allow");
        }
        for (PolicyRule rule : policy.rules()) {
            boolean highRisk = rule.match().riskClasses().contains("high") || rule.match().riskClasses().contains("critical");
            if (!rule.leastPrivilegeOptOut().isEmpty()) {
                continue; // an explicit, reasoned opt-out; the trace of every call it allows says so
            }
            if (highRisk && !rule.effect().equals("block") && !rule.requireBrokerCredential()) {
                throw GaitException.invalidInput("oss-prod profile: rule " + rule.name()
                        + " lets high-risk calls through without require_broker_credential");
            }
            if (highRisk && !rule.effect().equals("block") && !brokerConfigured) {
                throw GaitException.invalidInput("oss-prod profile: rule " + rule.name()
                        + " requires a credential broker; configure one with --credential-broker");
            }
        }
    }
}
