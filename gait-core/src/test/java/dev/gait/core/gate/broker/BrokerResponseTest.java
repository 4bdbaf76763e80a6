package dev.gait.core.gate.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Broker answers: plain responses and the provider receipts of Gait v1, with their defaults and refusals. */
class BrokerResponseTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final BrokerRequest REQUEST = new BrokerRequest("tool.write", "agent.deploy", "/repo", "s-1", "r-1", "run-7", "job-3",
            "deploy", List.of("repo:write"), "a".repeat(64));

    private static Credential parse(String json) {
        return BrokerResponse.parse(json.getBytes(StandardCharsets.UTF_8), REQUEST, NOW, "command");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            aws       | "assumed_role_arn":"arn:aws:sts::1:assumed-role/r/s"                    | aws_sts:arn:aws:sts::1:assumed-role/r/s      | sts.amazonaws.com
            sts       | "session_arn":"arn:aws:sts::1:session"                                  | aws_sts:arn:aws:sts::1:session               | sts.amazonaws.com
            github    | "repository":"org/repo","workflow_ref":"org/repo/.github/w.yml@main"    | github_oidc:org/repo:org/repo/.github/w.yml@main | token.actions.githubusercontent.com
            oidc      | "repository":"org/repo"                                                 | github_oidc:org/repo                         | token.actions.githubusercontent.com
            vault     | "lease_id":"aws/creds/deploy/abc"                                       | vault_dynamic:aws/creds/deploy/abc           | vault
            gcp_sts   | "workload_identity_provider":"projects/1/pools/p/providers/gh"          | gcp_sts:projects/1/pools/p/providers/gh      | sts.googleapis.com
            azure     | "service_principal_id":"sp-1","federated_credential_id":"fc-2"          | azure_federated:sp-1:fc-2                    | login.microsoftonline.com
            cyberark  | "broker_session_id":"bs-9"                                              | okta_cyberark:bs-9                           | okta-cyberark
            """)
    void each_provider_derives_its_reference_and_issuer(String provider, String members, String ref, String issuer) {
        Credential credential = parse("{\"provider\":\"" + provider + "\"," + members + ",\"ttl_seconds\":600}");
        assertThat(credential.credentialRef()).isEqualTo(ref);
        assertThat(credential.issuer()).isEqualTo(issuer);
        assertThat(credential.source()).isEqualTo(ref.substring(0, ref.indexOf(':')));
        assertThat(credential.accessType()).isEqualTo("jit");
        assertThat(credential.subject()).isEqualTo("agent.deploy");
        assertThat(credential.scope()).containsExactly("repo:write");
        assertThat(credential.requestDigest()).isEqualTo(REQUEST.digest());
        assertThat(credential.bindings()).isEqualTo(Credential.Bindings.of(REQUEST));
        assertThat(credential.ttlSeconds()).isEqualTo(600);
    }

    @Test
    void a_receipt_keeps_what_it_states_over_the_defaults() {
        Credential credential = parse("""
                {"provider":"vault_dynamic","credential_ref":"ref:lease-1","issuer":"vault.example","access_type":"JIT",
                 "issued_at":"2026-11-24T09:59:00Z","expires_at":"2026-11-24T10:09:00Z","scope":["Repo:Write","repo:read"]}""");
        assertThat(credential.credentialRef()).isEqualTo("ref:lease-1");
        assertThat(credential.issuer()).isEqualTo("vault.example");
        assertThat(credential.accessType()).isEqualTo("jit");
        assertThat(credential.scope()).containsExactly("repo:read", "repo:write");
        assertThat(credential.ttlSeconds()).isEqualTo(600);
    }

    @Test
    void a_plain_response_is_not_given_the_request_digest() {
        Credential credential = parse("{\"credential_ref\":\"cmd:1\",\"issued_by\":\"corp-broker\",\"ttl_seconds\":60}");
        assertThat(credential.requestDigest()).isEmpty();
        assertThat(credential.issuer()).isEqualTo("corp-broker");
        assertThat(credential.source()).isEqualTo("command");
        assertThat(credential.accessType()).as("a plain answer that does not say JIT is not JIT").isEmpty();
    }

    @Test
    void an_issue_time_in_the_future_cannot_shorten_the_lifetime_the_gate_sees() {
        assertThatThrownBy(() -> parse("""
                {"provider":"aws","assumed_role_arn":"a","issued_at":"2026-11-25T09:00:00Z","expires_at":"2026-11-25T09:55:00Z"}"""))
                .isInstanceOf(BrokerException.class).hasMessageContaining("in the future");
    }

    @Test
    void a_variable_that_describes_a_credential_is_never_issued_as_one() {
        EnvBroker broker = new EnvBroker("GAIT_BROKER_TOKEN_", java.util.Map.of("GAIT_BROKER_TOKEN_TOOL_WRITE", "secret-value",
                "GAIT_BROKER_TOKEN_TOOL_WRITE_TTL_SECONDS", "900"));
        BrokerRequest sneaky = new BrokerRequest("tool.write.ttl_seconds", "agent", "/repo", "", "", "", "", "", List.of("w"), "");
        assertThatThrownBy(() -> broker.issue(sneaky, NOW)).isInstanceOf(BrokerException.class).hasMessageContaining("describes");
        BrokerRequest honest = new BrokerRequest("tool.write", "agent", "/repo", "", "", "", "", "", List.of("w"), "");
        assertThat(broker.issue(honest, NOW).ttlSeconds()).isEqualTo(900);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"provider":"aws_sts","ttl_seconds":60}                                      | aws_sts receipt needs credential_ref or assumed_role_arn or session_arn
            {"provider":"file","ttl_seconds":60}                                         | file receipt needs credential_ref
            {"provider":"kerberos","credential_ref":"x"}                                 | unsupported provider receipt: kerberos
            {"provider":"aws","assumed_role_arn":"a","ttl_seconds":1.5}                  | ttl_seconds must be a whole number
            {"provider":"aws","assumed_role_arn":"a","expires_at":"2026-11-24T09:00:00Z","issued_at":"2026-11-24T08:00:00Z"} | expired
            {"provider":"aws","assumed_role_arn":"a","expires_at":"2026-11-27T09:00:00Z"} | lives more than 86400 s
            {"provider":"aws","assumed_role_arn":"a","expires_at":"tomorrow"}            | expires_at must be an RFC 3339 time
            {"credential_ref":"a\\nb","ttl_seconds":60}                                  | one line
            """)
    void malformed_answers_issue_nothing(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(BrokerException.class).hasMessageContaining(message)
                .extracting(e -> ((BrokerException) e).violation()).isEqualTo("broker_output_invalid");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"provider":"github","repository":"ghp_abcdef0123456789"}
            {"provider":"aws","session_arn":"ASIAEXAMPLE"}
            {"credential_ref":"sk-live-123","ttl_seconds":60}
            {"credential_ref":"r","client_secret":"x"}
            {"credential_ref":"r","scope":["repo:write","AKIAEXAMPLE"]}
            {"credential_ref":"r","meta":{"nested":{"token":"x"}}}
            """)
    void secrets_are_refused_but_references_that_look_alike_are_not(String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(BrokerException.class)
                .extracting(e -> ((BrokerException) e).violation()).isEqualTo("broker_output_contains_secret");
        assertThat(parse("{\"provider\":\"aws\",\"credential_ref\":\"ref:AKIA-rotation-42\",\"ttl_seconds\":60}").credentialRef())
                .isEqualTo("ref:AKIA-rotation-42");
    }
}
