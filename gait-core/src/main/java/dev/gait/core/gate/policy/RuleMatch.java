package dev.gait.core.gate.policy;

import static dev.gait.core.gate.policy.PolicyValues.checked;
import static dev.gait.core.gate.policy.PolicyValues.json;
import static dev.gait.core.gate.policy.PolicyValues.list;

import dev.gait.core.gate.GateVocabulary;
import dev.gait.core.json.JsonObject;
import dev.gait.core.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;

/** A rule's {@code match}: every given condition must hold (AND across keys, OR within a list). */
public record RuleMatch(
        List<String> toolNames, List<String> riskClasses, List<String> targetKinds, List<String> targetValues,
        List<String> provenanceSources, List<String> identities, List<String> workspacePrefixes,
        List<String> endpointClasses, List<String> discoveryMethods, ToolAnnotations toolAnnotations,
        List<String> skillPublishers, List<String> skillSources, List<String> dataClasses,
        List<String> destinationKinds, List<String> destinationValues, List<String> destinationOperations,
        List<String> contextToolNames, List<String> contextDataClasses, List<String> contextEndpointClasses,
        List<String> contextAutonomyLevels, boolean requireDelegation, List<String> allowedDelegatorIdentities,
        List<String> allowedDelegateIdentities, List<String> delegationScopes, Long maxDelegationDepth) {

    /** MCP tool annotation hints; null means "not constrained". */
    public record ToolAnnotations(Boolean readOnlyHint, Boolean destructiveHint, Boolean idempotentHint, Boolean openWorldHint) {
        boolean isEmpty() {
            return readOnlyHint == null && destructiveHint == null && idempotentHint == null && openWorldHint == null;
        }

        JsonObject toDigest() {
            JsonObject.Builder out = JsonObject.builder();
            if (readOnlyHint != null) {
                out.put("ReadOnlyHint", readOnlyHint);
            }
            if (destructiveHint != null) {
                out.put("DestructiveHint", destructiveHint);
            }
            if (idempotentHint != null) {
                out.put("IdempotentHint", idempotentHint);
            }
            if (openWorldHint != null) {
                out.put("OpenWorldHint", openWorldHint);
            }
            return out.build();
        }
    }

    static RuleMatch parse(YamlMap match, String rule) {
        List<String> toolNames = new ArrayList<>(match.strings("tool_names"));
        toolNames.add(match.string("tool_name"));
        List<String> endpointClasses = new ArrayList<>(match.strings("endpoint_classes"));
        endpointClasses.addAll(match.strings("endpoint_class"));
        ToolAnnotations annotations = match.map("tool_annotations").map(a -> {
            ToolAnnotations parsed = new ToolAnnotations(hint(a, "readOnlyHint"), hint(a, "destructiveHint"),
                    hint(a, "idempotentHint"), hint(a, "openWorldHint"));
            a.rejectUnknownKeys();
            return parsed;
        }).orElse(null);
        Long depth = match.integer("max_delegation_depth").orElse(null);
        if (depth != null && depth < 0) {
            throw PolicyValues.invalid("max_delegation_depth must not be negative for " + rule);
        }
        RuleMatch parsed = new RuleMatch(
                list(toolNames, true), list(match.strings("risk_classes"), true), list(match.strings("target_kinds"), true),
                list(match.strings("target_values"), false), list(match.strings("provenance_sources"), true),
                list(match.strings("identities"), false), list(match.strings("workspace_prefixes"), false),
                checked(list(endpointClasses, true), GateVocabulary.ENDPOINT_CLASSES, "match endpoint_class", rule),
                checked(list(match.strings("discovery_method"), true), GateVocabulary.DISCOVERY_METHODS, "match discovery_method", rule),
                annotations == null || annotations.isEmpty() ? null : annotations,
                list(match.strings("skill_publishers"), true), list(match.strings("skill_sources"), true),
                list(match.strings("data_classes"), true), list(match.strings("destination_kinds"), true),
                list(match.strings("destination_values"), false), list(match.strings("destination_operations"), true),
                list(match.strings("context_tool_names"), true), list(match.strings("context_data_classes"), true),
                list(match.strings("context_endpoint_classes"), true), list(match.strings("context_autonomy_levels"), true),
                match.bool("require_delegation"), list(match.strings("allowed_delegator_identities"), false),
                list(match.strings("allowed_delegate_identities"), false), list(match.strings("delegation_scopes"), true), depth);
        match.rejectUnknownKeys();
        return parsed;
    }

    static RuleMatch empty() {
        return parse(dev.gait.core.yaml.StrictYaml.loadMap("{}", "match"), "");
    }

    private static Boolean hint(YamlMap annotations, String key) {
        return annotations.has(key) ? annotations.bool(key) : null;
    }

    /** Whether any delegation condition is set, which makes delegation itself required. */
    public boolean constrainsDelegation() {
        return requireDelegation || !allowedDelegatorIdentities.isEmpty() || !allowedDelegateIdentities.isEmpty()
                || !delegationScopes.isEmpty() || maxDelegationDepth != null;
    }

    JsonObject toDigest() {
        JsonObject.Builder out = JsonObject.builder()
                .put("ToolNames", json(toolNames))
                .put("RiskClasses", json(riskClasses))
                .put("TargetKinds", json(targetKinds))
                .put("TargetValues", json(targetValues))
                .put("ProvenanceSources", json(provenanceSources))
                .put("Identities", json(identities))
                .put("WorkspacePrefixes", json(workspacePrefixes))
                .putOmitEmpty("EndpointClasses", json(endpointClasses))
                .putOmitEmpty("DiscoveryMethods", json(discoveryMethods));
        if (toolAnnotations != null) {
            out.put("ToolAnnotations", toolAnnotations.toDigest());
        }
        out.putOmitEmpty("SkillPublishers", json(skillPublishers))
                .putOmitEmpty("SkillSources", json(skillSources))
                .putOmitEmpty("DataClasses", json(dataClasses))
                .putOmitEmpty("DestinationKinds", json(destinationKinds))
                .putOmitEmpty("DestinationValues", json(destinationValues))
                .putOmitEmpty("DestinationOps", json(destinationOperations))
                .putOmitEmpty("ContextToolNames", json(contextToolNames))
                .putOmitEmpty("ContextDataClasses", json(contextDataClasses))
                .putOmitEmpty("ContextEndpointClasses", json(contextEndpointClasses))
                .putOmitEmpty("ContextAutonomyLevels", json(contextAutonomyLevels))
                .putOmitEmpty("RequireDelegation", requireDelegation)
                .putOmitEmpty("AllowedDelegatorIdentities", json(allowedDelegatorIdentities))
                .putOmitEmpty("AllowedDelegateIdentities", json(allowedDelegateIdentities))
                .putOmitEmpty("DelegationScopes", json(delegationScopes));
        if (maxDelegationDepth != null) {
            out.put("MaxDelegationDepth", maxDelegationDepth);
        }
        return out.build();
    }
}
