package dev.gait.client.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.client.json.Json;
import dev.gait.testkit.GaitSchemas;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentRequestTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00.123Z"), ZoneOffset.UTC);

    static IntentContext fullContext() {
        return IntentContext.builder("alice", "/repo", "high")
                .phase("apply").agentId("agent-7")
                .agentIdentity(Map.of("owner", "platform", "lifecycle_states", List.of("approved"), "revoked", false))
                .runId("run_42").workflowId("wf-1").repo("acme/app").environment("prod").jobId("job-9")
                .sessionId("sess-1").requestId("req-1")
                .credentialRef("vault:lease/1").credentialSource("vault").credentialAccessType("dynamic")
                .credentialIssuer("vault").credentialSubject("svc-deploy").credentialOwner("platform")
                .credentialTargetBinding("acme/app").credentialRunBinding("run_42").credentialJobBinding("job-9")
                .credentialTtlSeconds(300).credentialScopes(List.of("repo:write"))
                .approvalRef("approval_1").wrkrInventoryRef("inv-1").agentActionBomRef("bom-1")
                .sandbox(Map.of("network_mode", "egress_allowlist", "timeout_seconds", 30))
                .authContext(Map.of("oidc_subject", "alice@example.com"))
                .environmentFingerprint("envfp:abc")
                .contextSetDigest("a".repeat(64)).contextEvidenceMode("best_effort").contextRefs(List.of("ref-1"))
                .build();
    }

    @Test
    void everyFieldOfTheBuilderConformsToTheV1Schema() {
        IntentRequest intent = IntentRequest.builder("tool.write", fullContext())
                .clock(CLOCK)
                .args(Map.of("path", "/repo/README.md", "content", "hi"))
                .target(Target.of("path", "/repo/README.md").operation("write").endpointClass("fs.write")
                        .sensitivity("internal").destructive(false).discoveryMethod("mcp")
                        .readOnlyHint(false).destructiveHint(false).idempotentHint(true).openWorldHint(false).build())
                .argProvenance(ArgProvenance.of("content", "user"))
                .delegation(Map.of("requester_identity", "alice", "scope_class", "write"))
                .skillProvenance(Map.of("skill_name", "editor", "source", "registry", "publisher", "acme"))
                .relationship(Map.of("parent_ref", Map.of("kind", "run", "id", "run_42")))
                .build();

        GaitSchemas.assertValid("gate/intent_request", intent.toJson());
        Map<String, Object> document = Json.readObject(intent.toJson());
        assertThat(document).containsEntry("schema_id", "gait.gate.intent_request")
                .containsEntry("created_at", "2026-03-01T10:00:00Z")
                .containsEntry("tool_name", "tool.write");
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) document.get("context");
        assertThat(context).containsEntry("credential_ttl_seconds", 300L)
                .containsEntry("agent_action_bom_ref", "bom-1");
    }

    @Test
    void aScriptIntentConformsToTheV1Schema() {
        IntentRequest intent = IntentRequest.builder("script", IntentContext.builder("alice", "/repo", "low").build())
                .scriptStep("tool.read", Map.of("path", "/repo/a"), Target.path("/repo/a", "read"))
                .scriptStep("tool.write", Map.of("path", "/repo/b"))
                .build();

        GaitSchemas.assertValid("gate/intent_request", intent.toJson());
    }

    @Test
    void theRequiredFieldsCannotBeLeftOut() {
        IntentContext context = IntentContext.builder("alice", "/repo", "low").build();
        assertThatThrownBy(() -> IntentRequest.builder(" ", context)).hasMessageContaining("tool_name");
        assertThatThrownBy(() -> IntentContext.builder(null, "/repo", "low")).hasMessageContaining("identity");
        assertThatThrownBy(() -> IntentRequest.builder("tool.read", null)).hasMessageContaining("context");
    }
}
