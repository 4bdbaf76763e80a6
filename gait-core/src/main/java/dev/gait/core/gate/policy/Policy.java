package dev.gait.core.gate.policy;

import static dev.gait.core.gate.policy.PolicyValues.checked;
import static dev.gait.core.gate.policy.PolicyValues.invalid;
import static dev.gait.core.gate.policy.PolicyValues.json;
import static dev.gait.core.gate.policy.PolicyValues.list;
import static dev.gait.core.gate.policy.PolicyValues.trimmed;

import dev.gait.core.canon.GoDuration;
import dev.gait.core.canon.GoStrings;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.yaml.StrictYaml;
import dev.gait.core.yaml.YamlMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A normalised {@code gait.gate.policy} 1.0.0: default verdict, fail-closed settings, script limits,
 * MCP trust settings and rules sorted by priority then name. {@link #digest()} reproduces Gait v1's
 * policy digest; it is derived once, when the policy is built, since every decision records it.
 */
public record Policy(String defaultVerdict, FailClosed failClosed, Scripts scripts, McpTrust mcpTrust, List<PolicyRule> rules,
                     String digest) {
    public static final String SCHEMA_ID = "gait.gate.policy";
    public static final String SCHEMA_VERSION = "1.0.0";

    static final Set<String> REQUIRED_FIELDS = Set.of("targets", "arg_provenance", "endpoint_class", "delegation", "context_evidence");
    static final Set<String> REQUIRED_HIGH_RISK_FIELDS = Set.of("agent_id", "agent_identity", "run_id", "workflow_id", "repo",
            "environment", "credential_ref", "credential_source", "credential_access_type", "credential_issuer",
            "credential_ttl_seconds", "approval_ref", "wrkr_inventory_ref", "agent_action_bom_ref");

    /** Legacy proposal keys and what replaces each, in the order Gait reports them. */
    private static final Map<String, String> LEGACY_KEYS = legacyKeys();

    private static final Comparator<PolicyRule> RULE_ORDER = Comparator.comparingLong(PolicyRule::priority)
            .thenComparing(PolicyRule::name, GoStrings.BYTE_ORDER);

    /** The digest given is ignored: it is always computed from the other components. */
    public Policy {
        rules = List.copyOf(rules);
        digest = digestOf(defaultVerdict, failClosed, scripts, mcpTrust, rules);
    }

    public Policy(String defaultVerdict, FailClosed failClosed, Scripts scripts, McpTrust mcpTrust, List<PolicyRule> rules) {
        this(defaultVerdict, failClosed, scripts, mcpTrust, rules, "");
    }

    public record FailClosed(boolean enabled, List<String> riskClasses, List<String> requiredFields, List<String> requiredHighRiskFields) {
        JsonObject toDigest() {
            return JsonObject.builder()
                    .put("Enabled", enabled)
                    .put("RiskClasses", json(riskClasses))
                    .put("RequiredFields", json(requiredFields))
                    .putOmitEmpty("RequiredHighRiskFields", json(requiredHighRiskFields))
                    .build();
        }
    }

    public record Scripts(long maxSteps, long requireApprovalAbove, boolean blockMixedRisk) {
        boolean isSet() {
            return maxSteps > 0 || requireApprovalAbove > 0 || blockMixedRisk;
        }

        /** The step limit in force (0 means Gait's maximum of 64). */
        public long effectiveMaxSteps() {
            return maxSteps == 0 ? 64 : maxSteps;
        }

        JsonObject toDigest() {
            return JsonObject.builder().put("MaxSteps", maxSteps).put("RequireApprovalAbove", requireApprovalAbove)
                    .put("BlockMixedRisk", blockMixedRisk).build();
        }
    }

    /** MCP server trust settings (enforced by the MCP proxy, carried in the policy digest). */
    public record McpTrust(String snapshot, String action, List<String> requiredRiskClasses, double minScore, String maxAge,
                           List<String> publisherAllowlist, boolean requireRegistry) {
        JsonObject toDigest() {
            return JsonObject.builder()
                    .put("Enabled", true)
                    .put("SnapshotPath", snapshot)
                    .put("Action", action)
                    .put("RequiredRiskClasses", json(requiredRiskClasses))
                    .put("MinScore", minScore)
                    .put("MaxAge", maxAge)
                    .put("PublisherAllowlist", json(publisherAllowlist))
                    .put("RequireRegistry", requireRegistry)
                    .build();
        }
    }

    /** Parses and normalises policy YAML; every problem is invalid input naming the key. */
    public static Policy parse(String yaml, String name) {
        YamlMap root = StrictYaml.loadMap(yaml, name);
        rejectLegacyKeys(root);
        String schemaId = root.string("schema_id");
        String schemaVersion = root.string("schema_version");
        if (!schemaId.isEmpty() && !schemaId.equals(SCHEMA_ID)) {
            throw invalid("unsupported policy schema_id " + schemaId);
        }
        if (!schemaVersion.isEmpty() && !schemaVersion.equals(SCHEMA_VERSION)) {
            throw invalid("unsupported policy schema_version " + schemaVersion);
        }
        String verdict = PolicyValues.verdict(root.string("default_verdict"));
        String alias = PolicyValues.verdict(root.string("default_action"));
        if (!verdict.isEmpty() && !alias.isEmpty() && !verdict.equals(alias)) {
            throw invalid("default_action must match default_verdict when both are set");
        }
        verdict = !verdict.isEmpty() ? verdict : !alias.isEmpty() ? alias : "require_approval";
        if (!PolicyValues.VERDICTS.contains(verdict)) {
            throw invalid("invalid default_verdict: " + verdict);
        }
        FailClosed failClosed = root.map("fail_closed").map(Policy::failClosed).orElse(new FailClosed(false, List.of(), List.of(), List.of()));
        Scripts scripts = root.map("scripts").map(Policy::scripts).orElse(new Scripts(0, 0, false));
        McpTrust trust = root.map("mcp_trust").map(Policy::mcpTrust).orElse(null);
        List<PolicyRule> rules = new ArrayList<>();
        List<YamlMap> ruleMaps = root.maps("rules");
        for (int i = 0; i < ruleMaps.size(); i++) {
            rules.add(PolicyRule.parse(ruleMaps.get(i), i));
        }
        rules.sort(RULE_ORDER);
        root.rejectUnknownKeys();
        return new Policy(verdict, failClosed, scripts, trust, rules);
    }

    private static void rejectLegacyKeys(YamlMap root) {
        List<String> found = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (Map.Entry<String, String> legacy : LEGACY_KEYS.entrySet()) {
            if (root.keys().contains(legacy.getKey())) {
                found.add(legacy.getKey());
                details.add(legacy.getKey() + " -> " + legacy.getValue());
            }
        }
        if (!found.isEmpty()) {
            throw GaitException.invalidInput("legacy policy proposal fields are not supported [" + String.join(" ", found) + "]: "
                    + String.join("; ", details));
        }
    }

    private static FailClosed failClosed(YamlMap yaml) {
        boolean enabled = yaml.bool("enabled");
        List<String> risk = list(yaml.strings("risk_classes"), true);
        FailClosed failClosed = new FailClosed(enabled,
                enabled && risk.isEmpty() ? List.of("critical", "high") : risk,
                checked(list(yaml.strings("required_fields"), true), REQUIRED_FIELDS, "fail_closed required_field", ""),
                checked(list(yaml.strings("required_high_risk_fields"), true), REQUIRED_HIGH_RISK_FIELDS,
                        "fail_closed required_high_risk_field", ""));
        yaml.rejectUnknownKeys();
        return failClosed;
    }

    private static Scripts scripts(YamlMap yaml) {
        Scripts scripts = new Scripts(
                PolicyValues.nonNegative(yaml.integer("max_steps").orElse(0L), "scripts.max_steps"),
                PolicyValues.nonNegative(yaml.integer("require_approval_above").orElse(0L), "scripts.require_approval_above"),
                yaml.bool("block_mixed_risk"));
        yaml.rejectUnknownKeys();
        return scripts;
    }

    private static McpTrust mcpTrust(YamlMap yaml) {
        boolean enabled = yaml.bool("enabled");
        String snapshot = trimmed(yaml.string("snapshot"));
        String action = RuleSections.action(yaml, "action", "block", "mcp_trust");
        List<String> risk = list(yaml.strings("required_risk_classes"), true);
        double minScore = yaml.number("min_score").orElse(0.0);
        String maxAgeText = trimmed(yaml.string("max_age"));
        List<String> publishers = list(yaml.strings("publisher_allowlist"), true);
        boolean requireRegistry = yaml.bool("require_registry");
        yaml.rejectUnknownKeys();
        boolean any = enabled || !snapshot.isEmpty() || yaml.has("action") || !risk.isEmpty() || minScore > 0
                || !maxAgeText.isEmpty() || !publishers.isEmpty() || requireRegistry;
        if (!any) {
            return null;
        }
        if (snapshot.isEmpty()) {
            throw invalid("mcp_trust.snapshot is required when mcp_trust is enabled");
        }
        if (minScore < 0 || minScore > 1) {
            throw invalid("mcp_trust.min_score must be between 0 and 1");
        }
        String maxAge = "";
        if (!maxAgeText.isEmpty()) {
            try {
                maxAge = GoDuration.format(GoDuration.parse(maxAgeText));
            } catch (IllegalArgumentException e) {
                throw invalid("mcp_trust.max_age: " + e.getMessage());
            }
        }
        return new McpTrust(snapshot, action, risk.isEmpty() ? List.of("critical", "high") : risk, minScore, maxAge,
                publishers, requireRegistry);
    }

    /** Gait v1's policy digest: the normalised policy as a map with Go field names, digested. */
    private static String digestOf(String defaultVerdict, FailClosed failClosed, Scripts scripts, McpTrust mcpTrust, List<PolicyRule> rules) {
        JsonObject.Builder map = JsonObject.builder()
                .put("SchemaID", SCHEMA_ID)
                .put("SchemaVersion", SCHEMA_VERSION)
                .put("DefaultVerdict", defaultVerdict)
                .put("FailClosed", failClosed.toDigest())
                .put("Rules", PolicyValues.jsonObjects(rules.stream().map(PolicyRule::toDigest).toList()));
        if (scripts.isSet()) {
            map.put("Scripts", scripts.toDigest());
        }
        if (mcpTrust != null) {
            map.put("MCPTrust", mcpTrust.toDigest());
        }
        return Digests.jcsHex(map.build());
    }

    private static Map<String, String> legacyKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("version", "schema_id + schema_version");
        keys.put("name", "remove it");
        keys.put("boundaries", "rules or mcp_trust");
        keys.put("defaults", "default_verdict or fail_closed");
        keys.put("trust_sources", "mcp_trust.snapshot");
        keys.put("unknown_server", "mcp_trust.action");
        return keys;
    }

}
