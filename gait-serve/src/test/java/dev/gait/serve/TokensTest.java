package dev.gait.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.gate.ApprovalTokenMint;
import dev.gait.core.gate.DelegationTokenMint;
import dev.gait.core.gate.GateTraceVerifier;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signer;
import dev.gait.testkit.GaitSchemas;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approval and delegation tokens presented through the HTTP APIs are checked by the gate as
 * {@code gate eval --approval-token/--delegation-token} checks them, with the same reason codes
 * and audit records.
 */
class TokensTest extends RunningSidecar {

    private Signer signer() {
        return new LocalSigner(fixture.keyPair);
    }

    private static JsonObject approval(Signer signer, JsonObject pending, String scope, OffsetDateTime created) {
        return ApprovalTokenMint.mint(new ApprovalTokenMint.Request("bob", "reviewed", pending.string("intent_digest").orElseThrow(),
                pending.string("policy_digest").orElseThrow(), "", List.of(scope), 0, 0, Duration.ofMinutes(15), created), signer);
    }

    /** The native intent for tool.write with the given tokens beside its members. */
    private static String withTokens(String member, JsonObject... tokens) {
        String intent = SidecarFixture.intent("tool.write");
        return intent.substring(0, intent.length() - 1) + ",\"" + member + "\":["
                + String.join(",", Arrays.stream(tokens).map(JsonWriter.GO_STRUCT::write).toList()) + "]}";
    }

    private JsonObject decide(String body) {
        HttpResponse<String> response = fixture.post("/v1/gate/evaluate", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SidecarFixture.json(response);
    }

    private static String reasons(JsonObject result) {
        return result.array("reason_codes").orElseThrow().toString();
    }

    @Test
    void a_valid_approval_token_turns_require_approval_into_allow_with_an_audit_record() throws Exception {
        JsonObject pending = fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent("tool.write"));
        assertThat(pending.string("verdict")).contains("require_approval");
        assertThat(reasons(pending)).contains("approval_token_missing");

        JsonObject token = approval(signer(), pending, "tool:tool.write", OffsetDateTime.now(ZoneOffset.UTC));
        JsonObject approved = decide(withTokens("approval_tokens", token));
        assertThat(approved.string("verdict")).as(approved.toString()).contains("allow");
        assertThat(reasons(approved)).contains("approval_granted");
        assertThat(approved.string("approval_ref")).contains(token.string("token_id").orElseThrow());
        assertThat(approved.string("intent_digest")).isEqualTo(pending.string("intent_digest"));

        Path audit = Path.of(approved.string("approval_audit_path").orElseThrow());
        assertThat(audit).startsWith(dir.resolve("audits"));
        JsonObject record = JsonReader.strict().readObject(Files.readAllBytes(audit));
        GaitSchemas.assertValid("gate/approval_audit_record", Files.readString(audit));
        assertThat(record.get("approved")).contains(JsonBoolean.TRUE);
        assertThat(record.string("trace_id")).isEqualTo(approved.string("trace_id"));

        byte[] trace = Files.readAllBytes(Path.of(approved.string("trace_path").orElseThrow()));
        GateTraceVerifier.Report report = GateTraceVerifier.verify(trace, "trace", List.of(fixture.keyPair.publicKey()), true);
        assertThat(report.ok()).as(report.failure()).isTrue();
        assertThat(report.trace().string("verdict")).contains("allow");
    }

    @Test
    void a_tampered_expired_wrong_intent_or_malformed_token_never_allows() {
        JsonObject pending = fixture.postJson("/v1/gate/evaluate", SidecarFixture.intent("tool.write"));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        JsonObject valid = approval(signer(), pending, "tool:tool.write", now);
        JsonObject tampered = valid.toBuilder().put("approver_identity", "mallory").build();
        JsonObject expired = approval(signer(), pending, "tool:tool.write", now.minusHours(1));
        JsonObject otherIntent = approval(signer(), pending.toBuilder().put("intent_digest", "ab".repeat(32)).build(), "tool:tool.write", now);
        JsonObject otherScope = approval(signer(), pending, "tool:tool.read", now);
        JsonObject foreignKey = approval(new LocalSigner(Ed25519KeyPair.generate(new SecureRandom())), pending, "tool:tool.write", now);

        expectNotAllowed(withTokens("approval_tokens", tampered), "approval_token_signature_invalid");
        expectNotAllowed(withTokens("approval_tokens", expired), "approval_token_expired");
        expectNotAllowed(withTokens("approval_tokens", otherIntent), "approval_token_intent_mismatch");
        expectNotAllowed(withTokens("approval_tokens", otherScope), "approval_token_scope_mismatch");
        expectNotAllowed(withTokens("approval_tokens", foreignKey), "approval_token_signature_invalid");
        String notAnObject = SidecarFixture.intent("tool.write").replaceFirst("}$", ",\"approval_tokens\":[\"token\"]}");
        expectNotAllowed(notAnObject, "approval_token_invalid");

        HttpResponse<String> notAnArray = fixture.post("/v1/gate/evaluate",
                SidecarFixture.intent("tool.write").replaceFirst("}$", ",\"approval_tokens\":{}}"));
        assertThat(notAnArray.statusCode()).isEqualTo(400);
        assertThat(SidecarFixture.json(notAnArray).string("verdict")).contains("block");
    }

    private void expectNotAllowed(String body, String reason) {
        JsonObject result = decide(body);
        assertThat(result.string("verdict")).as(reason).contains("require_approval");
        assertThat(reasons(result)).contains(reason).doesNotContain("approval_granted");
        assertThat(result.string("approval_audit_path")).as("every presented token is on record").isPresent();
    }

    @Test
    void authzen_takes_approval_tokens_from_its_context() {
        String evaluation = SidecarFixture.evaluation("tool.write");
        JsonObject pending = fixture.postJson("/access/v1/evaluation", evaluation).object("context").orElseThrow();
        assertThat(pending.string("verdict")).contains("require_approval");
        JsonObject token = approval(signer(), pending, "tool:tool.write", OffsetDateTime.now(ZoneOffset.UTC));

        String withToken = evaluation.replace("\"context\":{", "\"context\":{\"approval_tokens\":[" + JsonWriter.GO_STRUCT.write(token) + "],");
        JsonObject decided = fixture.postJson("/access/v1/evaluation", withToken);
        assertThat(decided.get("decision")).as(decided.toString()).contains(JsonBoolean.TRUE);
        JsonObject context = decided.object("context").orElseThrow();
        assertThat(context.string("verdict")).contains("allow");
        assertThat(context.string("intent_digest")).as("the tokens are not part of the intent").isEqualTo(pending.string("intent_digest"));
        assertThat(context.array("reason_codes").orElseThrow().elements()).contains(new JsonString("approval_granted"));
    }

    @Test
    void delegation_tokens_for_every_link_allow_a_delegated_call() throws Exception {
        String intent = "{\"tool_name\":\"tool.deploy\",\"args\":{},\"targets\":[{\"kind\":\"path\",\"value\":\"/repo/a\",\"operation\":\"write\"}],"
                + "\"delegation\":{\"requester_identity\":\"worker\",\"scope_class\":\"deploy\",\"chain\":[{\"delegator_identity\":\"manager\",\"delegate_identity\":\"worker\"}]},"
                + "\"context\":{\"identity\":\"worker\",\"workspace\":\"/repo\",\"risk_class\":\"low\"}}";
        JsonObject missing = decide(intent);
        assertThat(missing.string("verdict")).contains("block");
        assertThat(reasons(missing)).contains("delegation_token_missing");

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        JsonObject link = DelegationTokenMint.mint(new DelegationTokenMint.Request("manager", "worker", List.of("deploy"), "", "", "",
                Duration.ofHours(1), now), signer());
        JsonObject delegated = decide(intent.replaceFirst("}$", ",\"delegation_tokens\":[" + JsonWriter.GO_STRUCT.write(link) + "]}"));
        assertThat(delegated.string("verdict")).as(delegated.toString()).contains("allow");
        assertThat(reasons(delegated)).contains("delegation_granted");
        GaitSchemas.assertValid("gate/delegation_audit_record", Files.readString(Path.of(delegated.string("delegation_audit_path").orElseThrow())));

        JsonObject stranger = DelegationTokenMint.mint(new DelegationTokenMint.Request("mallory", "worker", List.of("deploy"), "", "", "",
                Duration.ofHours(1), now), signer());
        JsonObject refused = decide(intent.replaceFirst("}$", ",\"delegation_tokens\":[" + JsonWriter.GO_STRUCT.write(stranger) + "]}"));
        assertThat(refused.string("verdict")).contains("block");
        assertThat(reasons(refused)).contains("delegation_token_delegator_mismatch").doesNotContain("delegation_granted");
    }

    @Test
    void a_configured_approval_key_verifies_tokens_instead_of_the_signing_key(@TempDir Path other) {
        Ed25519KeyPair approver = Ed25519KeyPair.generate(new SecureRandom());
        try (SidecarFixture keyed = new SidecarFixture(other, o -> new SidecarOptions(o.host(), o.port(), o.policy(), o.key(), o.killSwitch(),
                o.traceDir(), o.traceLog(), o.traceLogSync(), o.rateLimitState(), o.authToken(), o.maxBodyBytes(), o.maxRequestsPerSecond(),
                o.settle(), o.poll(), o.correlationId(), o.auditDir(), new Decider.TokenKeys(approver.publicKey(), null)))) {
            JsonObject pending = keyed.postJson("/v1/gate/evaluate", SidecarFixture.intent("tool.write"));
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            JsonObject byApprover = approval(new LocalSigner(approver), pending, "tool:tool.write", now);
            JsonObject byTraceKey = approval(new LocalSigner(keyed.keyPair), pending, "tool:tool.write", now);
            assertThat(keyed.postJson("/v1/gate/evaluate", withTokens("approval_tokens", byApprover)).string("verdict")).contains("allow");
            JsonObject refused = keyed.postJson("/v1/gate/evaluate", withTokens("approval_tokens", byTraceKey));
            assertThat(refused.string("verdict")).contains("require_approval");
            assertThat(reasons(refused)).contains("approval_token_signature_invalid");
        }
    }
}
