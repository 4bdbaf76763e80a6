package dev.gait.core.gate.policy;

import static dev.gait.core.gate.policy.PolicyValues.checked;
import static dev.gait.core.gate.policy.PolicyValues.invalid;
import static dev.gait.core.gate.policy.PolicyValues.json;
import static dev.gait.core.gate.policy.PolicyValues.list;
import static dev.gait.core.gate.policy.PolicyValues.lower;
import static dev.gait.core.gate.policy.PolicyValues.trimmed;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.gate.GateVocabulary;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.yaml.YamlMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One normalised policy rule.
 *
 * @param leastPrivilegeOptOut the reason this rule's high-risk allows may run without a brokered
 *     credential even where least privilege applies (extension; empty when the rule does not opt out)
 */
public record PolicyRule(
        String name, long priority, String effect, RuleMatch match, List<String> reasonCodes, List<String> violations,
        long minApprovals, boolean requireDistinctApprovers,
        boolean requireBrokerCredential, String brokerReference, List<String> brokerScopes,
        boolean requireContextEvidence, String requiredContextEvidenceMode, long maxContextAgeSeconds,
        boolean requireDeclaredAgent, List<String> allowedAgentIds, List<String> deniedAgentIds,
        String requiredAgentManifestDigest, List<String> allowedAgentManifestPublishers,
        List<String> allowedAgentManifestSources, List<String> requiredAgentLifecycleStates, boolean requireAgentOwner,
        boolean requireUnexpiredAgent,
        boolean blockStandingCredentials, List<String> allowedCredentialSources, List<String> allowedCredentialIssuers,
        List<String> allowedCredentialAccessTypes, long maxCredentialTtlSeconds, boolean requireJitCredential,
        RuleSections.Endpoint endpoint, RuleSections.Dataflow dataflow, RuleSections.FreezeWindow freezeWindow,
        RuleSections.Sandbox sandbox, RuleSections.Budget rateLimit, RuleSections.Budget destructiveBudget,
        String leastPrivilegeOptOut) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    static PolicyRule parse(YamlMap yaml, int index) {
        String name = trimmed(yaml.string("name"));
        if (name.isEmpty()) {
            throw invalid("rules[" + index + "].name is required");
        }
        String effect = PolicyValues.verdict(yaml.string("effect"));
        String action = PolicyValues.verdict(yaml.string("action"));
        if (!effect.isEmpty() && !action.isEmpty() && !effect.equals(action)) {
            throw invalid("rule action must match effect for " + name);
        }
        effect = effect.isEmpty() ? action : effect;
        if (effect.isEmpty()) {
            throw invalid("rule effect is required for " + name);
        }
        if (!PolicyValues.VERDICTS.contains(effect)) {
            throw invalid("invalid rule effect \"" + effect + "\" for " + name);
        }
        long minApprovals = yaml.integer("min_approvals").orElse(0L);
        if (minApprovals < 0) {
            throw invalid("min_approvals must not be negative for " + name);
        }
        boolean requireContextEvidence = yaml.bool("require_context_evidence");
        String evidenceMode = lower(yaml.string("required_context_evidence_mode"));
        if (!evidenceMode.isEmpty() && !evidenceMode.equals("required")) {
            throw invalid("required_context_evidence_mode must be required for " + name);
        }
        String manifestDigest = lower(yaml.string("required_agent_manifest_digest"));
        if (!manifestDigest.isEmpty() && !HEX64.matcher(manifestDigest).matches()) {
            throw invalid("required_agent_manifest_digest must be a SHA-256 hex digest for " + name);
        }
        PolicyRule rule = new PolicyRule(
                name,
                yaml.integer("priority").orElse(0L),
                effect,
                yaml.map("match").map(m -> RuleMatch.parse(m, name)).orElseGet(RuleMatch::empty),
                list(yaml.strings("reason_codes"), false),
                list(yaml.strings("violations"), false),
                minApprovals,
                yaml.bool("require_distinct_approvers") || minApprovals > 1,
                yaml.bool("require_broker_credential"),
                trimmed(yaml.string("broker_reference")),
                list(yaml.strings("broker_scopes"), true),
                requireContextEvidence,
                requireContextEvidence ? "required" : evidenceMode,
                PolicyValues.nonNegative(yaml.integer("max_context_age_seconds").orElse(0L), "max_context_age_seconds for " + name),
                yaml.bool("require_declared_agent"),
                list(yaml.strings("allowed_agent_ids"), false),
                list(yaml.strings("denied_agent_ids"), false),
                manifestDigest,
                list(yaml.strings("allowed_agent_manifest_publishers"), true),
                list(yaml.strings("allowed_agent_manifest_sources"), true),
                list(yaml.strings("required_agent_lifecycle_states"), true),
                yaml.bool("require_agent_owner"),
                yaml.bool("require_unexpired_agent"),
                yaml.bool("block_standing_credentials"),
                checked(list(yaml.strings("allowed_credential_sources"), true), GateVocabulary.CREDENTIAL_SOURCES, "credential source", name),
                list(yaml.strings("allowed_credential_issuers"), false),
                checked(list(yaml.strings("allowed_credential_access_types"), true), GateVocabulary.CREDENTIAL_ACCESS_TYPES,
                        "credential access type", name),
                PolicyValues.nonNegative(yaml.integer("max_credential_ttl_seconds").orElse(0L), "max_credential_ttl_seconds for " + name),
                yaml.bool("require_jit_credential"),
                yaml.map("endpoint").map(m -> RuleSections.Endpoint.parse(m, name)).orElse(null),
                yaml.map("dataflow").map(m -> RuleSections.Dataflow.parse(m, name)).orElse(null),
                yaml.map("freeze_window").map(m -> RuleSections.FreezeWindow.parse(m, name)).orElse(null),
                yaml.map("sandbox").map(m -> RuleSections.Sandbox.parse(m, name)).orElse(null),
                yaml.map("rate_limit").map(m -> RuleSections.Budget.parse(m, "rate_limit", name, false)).orElse(null),
                yaml.map("destructive_budget").map(m -> RuleSections.Budget.parse(m, "destructive_budget", name, true)).orElse(null),
                leastPrivilegeOptOut(yaml, name, effect));
        yaml.rejectUnknownKeys();
        return rule;
    }

    private static final int MAX_OPT_OUT_REASON = 200;

    /** An opt-out must say why, in one line, and only on a rule that can allow and does not itself demand a broker. */
    private static String leastPrivilegeOptOut(YamlMap yaml, String name, String effect) {
        if (!yaml.has("least_privilege_opt_out")) {
            return "";
        }
        String reason = trimmed(yaml.string("least_privilege_opt_out"));
        if (reason.isEmpty() || reason.length() > MAX_OPT_OUT_REASON || reason.chars().anyMatch(Character::isISOControl)) {
            throw invalid("least_privilege_opt_out for " + name + " must be a reason of 1 to " + MAX_OPT_OUT_REASON + " characters on one line");
        }
        if (!effect.equals("allow") && !effect.equals("require_approval")) {
            throw invalid("least_privilege_opt_out for " + name + " only applies to allow or require_approval rules");
        }
        if (yaml.bool("require_broker_credential")) {
            throw invalid("least_privilege_opt_out for " + name + " contradicts require_broker_credential");
        }
        return reason;
    }

    /**
     * The reason codes the rule emits when it matches: its own, or {@code matched_rule_<name>} (the
     * name as a JSON string without its quotes, spaces and dashes as underscores, lowercased).
     */
    public List<String> emittedReasonCodes() {
        if (!reasonCodes.isEmpty()) {
            return reasonCodes;
        }
        String encoded = JsonWriter.GO_MAP.write(JsonValue.of(name));
        String bare = encoded.replaceAll("^\"+|\"+$", "");
        return List.of("matched_rule_" + bare.replace(' ', '_').replace('-', '_').toLowerCase(Locale.ROOT));
    }

    /** Approvals needed when the rule requires approval (at least one). */
    public long effectiveMinApprovals() {
        return effect.equals("require_approval") ? Math.max(1, minApprovals) : minApprovals;
    }

    JsonObject toDigest() {
        JsonObject.Builder out = JsonObject.builder()
                .put("Name", name)
                .put("Priority", priority)
                .put("Effect", effect)
                .put("ReasonCodes", json(reasonCodes))
                .put("Violations", json(violations))
                .put("Match", match.toDigest())
                .putOmitEmpty("MinApprovals", minApprovals)
                .putOmitEmpty("RequireDeclaredAgent", requireDeclaredAgent)
                .putOmitEmpty("AllowedAgentIDs", json(allowedAgentIds))
                .putOmitEmpty("DeniedAgentIDs", json(deniedAgentIds))
                .putOmitEmpty("RequiredAgentManifestDigest", requiredAgentManifestDigest)
                .putOmitEmpty("AllowedAgentManifestPublishers", json(allowedAgentManifestPublishers))
                .putOmitEmpty("AllowedAgentManifestSources", json(allowedAgentManifestSources))
                .putOmitEmpty("RequiredAgentLifecycleStates", json(requiredAgentLifecycleStates))
                .putOmitEmpty("RequireAgentOwner", requireAgentOwner)
                .putOmitEmpty("RequireUnexpiredAgent", requireUnexpiredAgent)
                .putOmitEmpty("BlockStandingCredentials", blockStandingCredentials)
                .putOmitEmpty("AllowedCredentialSources", json(allowedCredentialSources))
                .putOmitEmpty("AllowedCredentialIssuers", json(allowedCredentialIssuers))
                .putOmitEmpty("AllowedCredentialAccessTypes", json(allowedCredentialAccessTypes))
                .putOmitEmpty("MaxCredentialTTLSeconds", maxCredentialTtlSeconds)
                .putOmitEmpty("RequireJITCredential", requireJitCredential)
                .putOmitEmpty("RequireDistinctApprovers", requireDistinctApprovers)
                .putOmitEmpty("RequireContextEvidence", requireContextEvidence)
                .putOmitEmpty("RequiredContextEvidenceMode", requiredContextEvidenceMode)
                .putOmitEmpty("MaxContextAgeSeconds", maxContextAgeSeconds)
                .putOmitEmpty("RequireBrokerCredential", requireBrokerCredential)
                .putOmitEmpty("BrokerReference", brokerReference)
                .putOmitEmpty("BrokerScopes", json(brokerScopes))
                .putOmitEmpty("LeastPrivilegeOptOut", leastPrivilegeOptOut);
        if (freezeWindow != null) {
            out.put("FreezeWindow", freezeWindow.toDigest());
        }
        if (sandbox != null) {
            out.put("Sandbox", sandbox.toDigest());
        }
        if (rateLimit != null) {
            out.put("RateLimit", rateLimit.toDigest());
        }
        if (destructiveBudget != null) {
            out.put("DestructiveBudget", destructiveBudget.toDigest());
        }
        if (dataflow != null) {
            out.put("Dataflow", dataflow.toDigest());
        }
        if (endpoint != null) {
            out.put("Endpoint", endpoint.toDigest());
        }
        return out.build();
    }
}
