package dev.gait.core.gate;

import static dev.gait.core.gate.RuleMatcher.text;

import dev.gait.core.canon.GoTime;
import dev.gait.core.gate.policy.PolicyRule;
import dev.gait.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A rule's agent-identity and credential-provenance requirements; every failure blocks. */
final class IdentityChecks {
    private static final Set<String> STANDING_ACCESS = Set.of("", "cloud_admin", "inherited", "standing", "static", "unknown");

    private IdentityChecks() {}

    static boolean constrainsAgent(PolicyRule rule) {
        return rule.requireDeclaredAgent() || !rule.allowedAgentIds().isEmpty() || !rule.deniedAgentIds().isEmpty()
                || !rule.requiredAgentManifestDigest().isEmpty() || !rule.allowedAgentManifestPublishers().isEmpty()
                || !rule.allowedAgentManifestSources().isEmpty() || !rule.requiredAgentLifecycleStates().isEmpty()
                || rule.requireAgentOwner() || rule.requireUnexpiredAgent();
    }

    static boolean constrainsCredential(PolicyRule rule) {
        return rule.blockStandingCredentials() || !rule.allowedCredentialSources().isEmpty()
                || !rule.allowedCredentialIssuers().isEmpty() || !rule.allowedCredentialAccessTypes().isEmpty()
                || rule.maxCredentialTtlSeconds() > 0 || rule.requireJitCredential();
    }

    /** The reason codes of agent-identity failures (empty when the agent satisfies the rule). */
    static List<String> agentFailures(PolicyRule rule, JsonObject context, Instant now) {
        List<String> codes = new ArrayList<>();
        String agentId = text(context, "agent_id");
        JsonObject agent = context.object("agent_identity").orElse(null);
        if (rule.requireDeclaredAgent() && (agentId.isEmpty() || agent == null)) {
            codes.add("agent_unknown");
            codes.add("agent_identity_missing");
        }
        if (!rule.allowedAgentIds().isEmpty() && !rule.allowedAgentIds().contains(agentId)) {
            codes.add("agent_unknown");
            codes.add("agent_not_declared");
        }
        if (rule.deniedAgentIds().contains(agentId) || RuleMatcher.flag(agent, "revoked")) {
            codes.add("agent_revoked");
        }
        if (rule.requireAgentOwner() && text(agent, "owner").isEmpty()) {
            codes.add("agent_owner_missing");
        }
        if (!rule.requiredAgentLifecycleStates().isEmpty()) {
            List<String> states = RuleMatcher.strings(agent, "lifecycle_states").stream().map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList();
            if (!states.containsAll(rule.requiredAgentLifecycleStates())) {
                codes.add("agent_lifecycle_state_invalid");
            }
        }
        if (rule.requireUnexpiredAgent()) {
            String expires = text(agent, "expires_at");
            Instant expiry = expires.isEmpty() ? GoTime.ZERO.toInstant() : GoTime.parse(expires).toInstant();
            if (expiry.equals(GoTime.ZERO.toInstant()) || !expiry.isAfter(now)) {
                codes.add("agent_expired");
            }
        }
        boolean manifestMismatch = (!rule.requiredAgentManifestDigest().isEmpty()
                        && !rule.requiredAgentManifestDigest().equals(text(agent, "manifest_digest")))
                || (!rule.allowedAgentManifestPublishers().isEmpty()
                        && !rule.allowedAgentManifestPublishers().contains(text(agent, "publisher").toLowerCase(java.util.Locale.ROOT)))
                || (!rule.allowedAgentManifestSources().isEmpty() && !rule.allowedAgentManifestSources().contains(text(agent, "source")));
        if (manifestMismatch) {
            codes.add("agent_manifest_mismatch");
        }
        return codes;
    }

    /** The reason codes of credential-provenance failures (empty when the credential satisfies the rule). */
    static List<String> credentialFailures(PolicyRule rule, JsonObject context, List<Target> targets) {
        List<String> codes = new ArrayList<>();
        String source = text(context, "credential_source");
        String access = text(context, "credential_access_type");
        String issuer = text(context, "credential_issuer");
        long ttl = RuleMatcher.number(context, "credential_ttl_seconds");
        if (text(context, "credential_ref").isEmpty()) {
            codes.add("credential_evidence_missing");
        }
        if (source.isEmpty()) {
            codes.add("credential_source_unknown");
        }
        if (access.isEmpty()) {
            codes.add("credential_access_type_unknown");
        }
        codes.addAll(provenanceFailures(rule, source, access, issuer));
        if (rule.maxCredentialTtlSeconds() > 0) {
            codes.add(ttl <= 0 ? "credential_evidence_missing" : ttl > rule.maxCredentialTtlSeconds() ? "credential_ttl_exceeded" : "");
        }
        String targetBinding = text(context, "credential_target_binding");
        if (!targetBinding.isEmpty() && !targetBinding.equals(IntentNormalizer.targetsDigest(targets))) {
            codes.add("credential_target_binding_mismatch");
        }
        binding(codes, context, "credential_run_binding", "run_id", "credential_run_binding_mismatch");
        binding(codes, context, "credential_job_binding", "job_id", "credential_job_binding_mismatch");
        codes.removeIf(String::isEmpty);
        return codes;
    }

    /**
     * How a credential's source, access type and issuer fail a rule's provenance keys: JIT only,
     * no standing credentials, allowed sources, issuers and access types. Applies to the credential
     * an intent claims and to one a broker issued.
     */
    static List<String> provenanceFailures(PolicyRule rule, String source, String access, String issuer) {
        List<String> codes = new ArrayList<>();
        if (rule.requireJitCredential() && !access.equals("jit")) {
            codes.add(access.isEmpty() ? "credential_evidence_missing" : "credential_not_jit");
        }
        if (rule.blockStandingCredentials() && STANDING_ACCESS.contains(access)) {
            codes.add("standing_credential_disallowed");
        }
        if (!rule.allowedCredentialSources().isEmpty() && !rule.allowedCredentialSources().contains(source)) {
            codes.add("credential_source_disallowed");
        }
        if (!rule.allowedCredentialIssuers().isEmpty() && !rule.allowedCredentialIssuers().contains(issuer)) {
            codes.add("credential_issuer_disallowed");
        }
        if (!rule.allowedCredentialAccessTypes().isEmpty() && !rule.allowedCredentialAccessTypes().contains(access)) {
            codes.add("credential_access_type_disallowed");
        }
        return codes;
    }

    private static void binding(List<String> codes, JsonObject context, String bindingKey, String idKey, String code) {
        bindingMismatch(text(context, bindingKey), text(context, idKey), code).ifPresent(codes::add);
    }

    /** A credential bound to one run or job used for another: the code, when both are known and differ. */
    static java.util.Optional<String> bindingMismatch(String binding, String id, String code) {
        return !binding.isEmpty() && !id.isEmpty() && !binding.equals(id) ? java.util.Optional.of(code) : java.util.Optional.empty();
    }
}
