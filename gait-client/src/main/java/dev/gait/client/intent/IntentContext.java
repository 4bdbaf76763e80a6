package dev.gait.client.intent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code context} of an intent: who asks (identity), where (workspace) and at what risk
 * (risk_class) are required; the v1.4 action-context fields (agent, run, workflow, repository,
 * environment, job, the credential description, approval and inventory references, sandbox) and the
 * enterprise pass-through and context-evidence fields are optional. Context evidence claimed here
 * counts only when {@code gait gate eval --context-envelope} verifies it.
 */
public final class IntentContext {

    private final Map<String, Object> fields;

    private IntentContext(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Builder builder(String identity, String workspace, String riskClass) {
        return new Builder(identity, workspace, riskClass);
    }

    /** The context as its JSON object. */
    public Map<String, Object> toMap() {
        return fields;
    }

    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder(String identity, String workspace, String riskClass) {
            put("identity", identity);
            put("workspace", workspace);
            put("risk_class", riskClass);
        }

        /** plan or apply. */
        public Builder phase(String phase) { return put("phase", phase); }
        public Builder agentId(String agentId) { return put("agent_id", agentId); }
        /** lifecycle_states, owner, manifest_digest, publisher, source, issued_at, approved_at, expires_at, revoked. */
        public Builder agentIdentity(Map<String, ?> agentIdentity) { return put("agent_identity", agentIdentity); }
        public Builder runId(String runId) { return put("run_id", runId); }
        public Builder workflowId(String workflowId) { return put("workflow_id", workflowId); }
        public Builder repo(String repo) { return put("repo", repo); }
        public Builder environment(String environment) { return put("environment", environment); }
        public Builder jobId(String jobId) { return put("job_id", jobId); }
        public Builder sessionId(String sessionId) { return put("session_id", sessionId); }
        public Builder requestId(String requestId) { return put("request_id", requestId); }
        public Builder credentialRef(String value) { return put("credential_ref", value); }
        public Builder credentialSource(String value) { return put("credential_source", value); }
        public Builder credentialAccessType(String value) { return put("credential_access_type", value); }
        public Builder credentialIssuer(String value) { return put("credential_issuer", value); }
        public Builder credentialSubject(String value) { return put("credential_subject", value); }
        public Builder credentialOwner(String value) { return put("credential_owner", value); }
        public Builder credentialTargetBinding(String value) { return put("credential_target_binding", value); }
        public Builder credentialRunBinding(String value) { return put("credential_run_binding", value); }
        public Builder credentialJobBinding(String value) { return put("credential_job_binding", value); }
        public Builder credentialTtlSeconds(long seconds) { return put("credential_ttl_seconds", seconds); }
        public Builder credentialScopes(List<String> scopes) { return put("credential_scopes", new ArrayList<>(scopes)); }
        public Builder approvalRef(String value) { return put("approval_ref", value); }
        public Builder wrkrInventoryRef(String value) { return put("wrkr_inventory_ref", value); }
        public Builder agentActionBomRef(String value) { return put("agent_action_bom_ref", value); }
        /** network_mode, writable_paths, read_only_roots, env_exposure_mode, timeout_seconds, filesystem_isolation, user_mode, evidence_ref, evidence_digest. */
        public Builder sandbox(Map<String, ?> sandbox) { return put("sandbox", sandbox); }
        public Builder authContext(Map<String, ?> authContext) { return put("auth_context", authContext); }
        public Builder environmentFingerprint(String value) { return put("environment_fingerprint", value); }
        public Builder contextSetDigest(String digest) { return put("context_set_digest", digest); }
        /** best_effort or required. */
        public Builder contextEvidenceMode(String mode) { return put("context_evidence_mode", mode); }
        public Builder contextRefs(List<String> refs) { return put("context_refs", new ArrayList<>(refs)); }

        /** Any other context member (the schema lets the context carry more). */
        public Builder put(String name, Object value) {
            fields.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
            return this;
        }

        public IntentContext build() {
            return new IntentContext(new LinkedHashMap<>(fields));
        }
    }
}
