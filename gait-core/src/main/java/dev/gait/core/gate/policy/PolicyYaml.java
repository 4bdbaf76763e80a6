package dev.gait.core.gate.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Writes a normalised policy back as YAML ({@code gait policy fmt}): keys in a fixed order, rules
 * sorted, defaults made explicit, empty settings left out. Parsing the output gives the same
 * policy and the same digest.
 */
public final class PolicyYaml {
    private static final DumpSettings SETTINGS = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true)
            .setWidth(120)
            .build();

    private PolicyYaml() {}

    public static String format(Policy policy) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_id", Policy.SCHEMA_ID);
        root.put("schema_version", Policy.SCHEMA_VERSION);
        root.put("default_verdict", policy.defaultVerdict());
        Policy.FailClosed failClosed = policy.failClosed();
        if (failClosed.enabled() || !failClosed.requiredFields().isEmpty() || !failClosed.requiredHighRiskFields().isEmpty()) {
            Map<String, Object> fc = new LinkedHashMap<>();
            fc.put("enabled", failClosed.enabled());
            putList(fc, "risk_classes", failClosed.riskClasses());
            putList(fc, "required_fields", failClosed.requiredFields());
            putList(fc, "required_high_risk_fields", failClosed.requiredHighRiskFields());
            root.put("fail_closed", fc);
        }
        Policy.Scripts scripts = policy.scripts();
        if (scripts.maxSteps() > 0 || scripts.requireApprovalAbove() > 0 || scripts.blockMixedRisk()) {
            Map<String, Object> sc = new LinkedHashMap<>();
            putNumber(sc, "max_steps", scripts.maxSteps());
            putNumber(sc, "require_approval_above", scripts.requireApprovalAbove());
            putTrue(sc, "block_mixed_risk", scripts.blockMixedRisk());
            root.put("scripts", sc);
        }
        if (policy.mcpTrust() != null) {
            Policy.McpTrust trust = policy.mcpTrust();
            Map<String, Object> mt = new LinkedHashMap<>();
            mt.put("enabled", true);
            mt.put("snapshot", trust.snapshot());
            mt.put("action", trust.action());
            putList(mt, "required_risk_classes", trust.requiredRiskClasses());
            if (trust.minScore() > 0) {
                mt.put("min_score", trust.minScore());
            }
            putText(mt, "max_age", trust.maxAge());
            putList(mt, "publisher_allowlist", trust.publisherAllowlist());
            putTrue(mt, "require_registry", trust.requireRegistry());
            root.put("mcp_trust", mt);
        }
        root.put("rules", policy.rules().stream().map(PolicyYaml::rule).toList());
        return new Dump(SETTINGS).dumpToString(root);
    }

    private static Map<String, Object> rule(PolicyRule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", rule.name());
        out.put("priority", rule.priority());
        out.put("effect", rule.effect());
        Map<String, Object> match = match(rule.match());
        if (!match.isEmpty()) {
            out.put("match", match);
        }
        putList(out, "reason_codes", rule.reasonCodes());
        putList(out, "violations", rule.violations());
        putNumber(out, "min_approvals", rule.minApprovals());
        putTrue(out, "require_distinct_approvers", rule.requireDistinctApprovers());
        putTrue(out, "require_broker_credential", rule.requireBrokerCredential());
        putText(out, "broker_reference", rule.brokerReference());
        putList(out, "broker_scopes", rule.brokerScopes());
        putTrue(out, "require_context_evidence", rule.requireContextEvidence());
        putText(out, "required_context_evidence_mode", rule.requiredContextEvidenceMode());
        putNumber(out, "max_context_age_seconds", rule.maxContextAgeSeconds());
        putTrue(out, "require_declared_agent", rule.requireDeclaredAgent());
        putList(out, "allowed_agent_ids", rule.allowedAgentIds());
        putList(out, "denied_agent_ids", rule.deniedAgentIds());
        putText(out, "required_agent_manifest_digest", rule.requiredAgentManifestDigest());
        putList(out, "allowed_agent_manifest_publishers", rule.allowedAgentManifestPublishers());
        putList(out, "allowed_agent_manifest_sources", rule.allowedAgentManifestSources());
        putList(out, "required_agent_lifecycle_states", rule.requiredAgentLifecycleStates());
        putTrue(out, "require_agent_owner", rule.requireAgentOwner());
        putTrue(out, "require_unexpired_agent", rule.requireUnexpiredAgent());
        putTrue(out, "block_standing_credentials", rule.blockStandingCredentials());
        putList(out, "allowed_credential_sources", rule.allowedCredentialSources());
        putList(out, "allowed_credential_issuers", rule.allowedCredentialIssuers());
        putList(out, "allowed_credential_access_types", rule.allowedCredentialAccessTypes());
        putNumber(out, "max_credential_ttl_seconds", rule.maxCredentialTtlSeconds());
        putTrue(out, "require_jit_credential", rule.requireJitCredential());
        putText(out, "least_privilege_opt_out", rule.leastPrivilegeOptOut());
        if (rule.endpoint() != null) {
            RuleSections.Endpoint e = rule.endpoint();
            Map<String, Object> endpoint = new LinkedHashMap<>();
            putList(endpoint, "path_allowlist", e.pathAllowlist());
            putList(endpoint, "path_denylist", e.pathDenylist());
            putList(endpoint, "domain_allowlist", e.domainAllowlist());
            putList(endpoint, "domain_denylist", e.domainDenylist());
            putList(endpoint, "egress_classes", e.egressClasses());
            endpoint.put("action", e.action());
            putText(endpoint, "destructive_action", e.destructiveAction());
            endpoint.put("reason_code", e.reasonCode());
            endpoint.put("violation", e.violation());
            out.put("endpoint", endpoint);
        }
        if (rule.dataflow() != null) {
            RuleSections.Dataflow d = rule.dataflow();
            Map<String, Object> dataflow = new LinkedHashMap<>();
            dataflow.put("enabled", true);
            putList(dataflow, "tainted_sources", d.taintedSources());
            putList(dataflow, "destination_kinds", d.destinationKinds());
            putList(dataflow, "destination_values", d.destinationValues());
            putList(dataflow, "destination_operations", d.destinationOperations());
            dataflow.put("action", d.action());
            dataflow.put("reason_code", d.reasonCode());
            dataflow.put("violation", d.violation());
            out.put("dataflow", dataflow);
        }
        if (rule.freezeWindow() != null) {
            RuleSections.FreezeWindow f = rule.freezeWindow();
            Map<String, Object> freeze = new LinkedHashMap<>();
            freeze.put("timezone", f.timezone());
            freeze.put("effect", f.effect());
            putText(freeze, "reason", f.reason());
            putList(freeze, "environments", f.environments());
            putList(freeze, "risk_classes", f.riskClasses());
            freeze.put("windows", f.windows().stream().map(w -> {
                Map<String, Object> window = new LinkedHashMap<>();
                window.put("name", w.name());
                window.put("start", w.start());
                window.put("end", w.end());
                return window;
            }).toList());
            out.put("freeze_window", freeze);
        }
        if (rule.sandbox() != null) {
            RuleSections.Sandbox s = rule.sandbox();
            Map<String, Object> sandbox = new LinkedHashMap<>();
            putList(sandbox, "allowed_network_modes", s.allowedNetworkModes());
            putList(sandbox, "allowed_writable_path_prefixes", s.allowedWritablePathPrefixes());
            putList(sandbox, "required_read_only_roots", s.requiredReadOnlyRoots());
            putList(sandbox, "allowed_env_exposure_modes", s.allowedEnvExposureModes());
            putNumber(sandbox, "max_timeout_seconds", s.maxTimeoutSeconds());
            putList(sandbox, "allowed_filesystem_isolations", s.allowedFilesystemIsolations());
            putList(sandbox, "allowed_user_modes", s.allowedUserModes());
            out.put("sandbox", sandbox);
        }
        putBudget(out, "rate_limit", rule.rateLimit());
        putBudget(out, "destructive_budget", rule.destructiveBudget());
        return out;
    }

    private static Map<String, Object> match(RuleMatch m) {
        Map<String, Object> out = new LinkedHashMap<>();
        putList(out, "tool_names", m.toolNames());
        putList(out, "risk_classes", m.riskClasses());
        putList(out, "identities", m.identities());
        putList(out, "workspace_prefixes", m.workspacePrefixes());
        putList(out, "target_kinds", m.targetKinds());
        putList(out, "target_values", m.targetValues());
        putList(out, "provenance_sources", m.provenanceSources());
        putList(out, "endpoint_classes", m.endpointClasses());
        putList(out, "discovery_method", m.discoveryMethods());
        if (m.toolAnnotations() != null) {
            Map<String, Object> hints = new LinkedHashMap<>();
            putHint(hints, "readOnlyHint", m.toolAnnotations().readOnlyHint());
            putHint(hints, "destructiveHint", m.toolAnnotations().destructiveHint());
            putHint(hints, "idempotentHint", m.toolAnnotations().idempotentHint());
            putHint(hints, "openWorldHint", m.toolAnnotations().openWorldHint());
            out.put("tool_annotations", hints);
        }
        putList(out, "skill_publishers", m.skillPublishers());
        putList(out, "skill_sources", m.skillSources());
        putList(out, "data_classes", m.dataClasses());
        putList(out, "destination_kinds", m.destinationKinds());
        putList(out, "destination_values", m.destinationValues());
        putList(out, "destination_operations", m.destinationOperations());
        putList(out, "context_tool_names", m.contextToolNames());
        putList(out, "context_data_classes", m.contextDataClasses());
        putList(out, "context_endpoint_classes", m.contextEndpointClasses());
        putList(out, "context_autonomy_levels", m.contextAutonomyLevels());
        putTrue(out, "require_delegation", m.requireDelegation());
        putList(out, "allowed_delegator_identities", m.allowedDelegatorIdentities());
        putList(out, "allowed_delegate_identities", m.allowedDelegateIdentities());
        putList(out, "delegation_scopes", m.delegationScopes());
        if (m.maxDelegationDepth() != null) {
            out.put("max_delegation_depth", m.maxDelegationDepth());
        }
        return out;
    }

    private static void putBudget(Map<String, Object> out, String key, RuleSections.Budget budget) {
        if (budget != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("requests", budget.requests());
            b.put("window", budget.window());
            b.put("scope", budget.scope());
            out.put(key, b);
        }
    }

    private static void putList(Map<String, Object> out, String key, List<String> values) {
        if (!values.isEmpty()) {
            out.put(key, values);
        }
    }

    private static void putText(Map<String, Object> out, String key, String value) {
        if (!value.isEmpty()) {
            out.put(key, value);
        }
    }

    private static void putNumber(Map<String, Object> out, String key, long value) {
        if (value != 0) {
            out.put(key, value);
        }
    }

    private static void putTrue(Map<String, Object> out, String key, boolean value) {
        if (value) {
            out.put(key, true);
        }
    }

    private static void putHint(Map<String, Object> out, String key, Boolean value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
