package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.testkit.GaitSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delegation tokens end to end: minted by {@code gait delegate mint}, checked link by link by {@code gate eval}. */
class DelegationTokenTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;

    private CliRunner cli(Instant at) {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.fixed(at, ZoneOffset.UTC));
    }

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), """
                default_verdict: block
                rules:
                  - name: delegated-write
                    effect: allow
                    match:
                      tool_names: [tool.write]
                      require_delegation: true
                      allowed_delegator_identities: [lead, manager]
                      delegation_scopes: [write]
                      max_delegation_depth: 3
                """);
        writeIntent("intent.json", "lead", "manager", "worker");
        writeIntent("deep.json", "ceo", "lead", "manager", "worker", "intern");
    }

    /** An intent whose delegation chain runs through the identities in order; the last one is the requester. */
    private void writeIntent(String name, String... identities) throws Exception {
        List<String> links = new ArrayList<>();
        for (int i = 0; i + 1 < identities.length; i++) {
            links.add("{\"delegator_identity\":\"" + identities[i] + "\",\"delegate_identity\":\"" + identities[i + 1] + "\"}");
        }
        String requester = identities[identities.length - 1];
        Files.writeString(dir.resolve(name), "{\"tool_name\":\"tool.write\",\"args\":{\"path\":\"/repo/a\"},"
                + "\"targets\":[{\"kind\":\"path\",\"value\":\"/repo/a\",\"operation\":\"write\"}],"
                + "\"delegation\":{\"requester_identity\":\"" + requester + "\",\"scope_class\":\"write\",\"chain\":[" + String.join(",", links) + "]},"
                + "\"context\":{\"identity\":\"" + requester + "\",\"workspace\":\"/repo\",\"risk_class\":\"low\"}}");
    }

    private void mint(String out, String delegator, String delegate, String scope) {
        assertThat(cli(NOW).run("delegate", "mint", "--delegator", delegator, "--delegate", delegate, "--scope", scope, "--ttl", "1h",
                "--out", out).exitCode()).isZero();
    }

    private CliRunner.Result eval(Instant at, String intent, String tokens) {
        return cli(at).run("gate", "eval", "--policy", "policy.yaml", "--intent", intent, "--delegation-token-chain", tokens, "--json");
    }

    private static String reasons(CliRunner.Result result) {
        return result.json().array("reason_codes").orElseThrow().toString();
    }

    @Test
    void a_token_for_every_link_grants_and_the_records_are_schema_valid() throws Exception {
        mint("lead.json", "lead", "manager", "write");
        mint("manager.json", "manager", "worker", "write");
        CliRunner.Result granted = eval(NOW, "intent.json", "lead.json,manager.json");
        assertThat(granted.exitCode()).as(granted.stdout()).isZero();
        assertThat(reasons(granted)).contains("delegation_granted");
        assertThat(granted.json().string("delegation_ref").orElseThrow()).contains(",");
        GaitSchemas.assertValid("gate/trace_record", Files.readString(dir.resolve(granted.json().string("trace_path").orElseThrow())));
        GaitSchemas.assertValid("gate/delegation_audit_record",
                Files.readString(dir.resolve(granted.json().string("delegation_audit_path").orElseThrow())));
        GaitSchemas.assertValid("gate/delegation_token", Files.readString(dir.resolve("lead.json")));

        assertThat(cli(NOW).run("delegate", "verify", "--token", "lead.json").exitCode()).isZero();
        CliRunner.Result expired = cli(NOW.plusSeconds(3601)).run("delegate", "verify", "--token", "lead.json", "--json");
        assertThat(expired.exitCode()).isEqualTo(2);
        assertThat(expired.json().string("error_code")).contains("delegation_token_expired");
        cli(NOW).run("keys", "init", "--out-dir", "k");
        assertThat(cli(NOW).run("delegate", "verify", "--token", "lead.json", "--public-key", "k/gait_public.key", "--json").json()
                .string("error_code")).contains("delegation_token_signature_invalid");
    }

    @Test
    void a_missing_broken_expired_or_out_of_scope_link_blocks() throws Exception {
        mint("lead.json", "lead", "manager", "write");
        mint("manager.json", "manager", "worker", "write");
        mint("stranger.json", "mallory", "worker", "write");
        mint("read-only.json", "manager", "worker", "read");
        Files.writeString(dir.resolve("tampered.json"), Files.readString(dir.resolve("manager.json")).replace("\"worker\"", "\"intern\""));

        expectBlocked(eval(NOW, "intent.json", ""), "delegation_token_missing");
        expectBlocked(eval(NOW, "intent.json", "lead.json"), "delegation_chain_insufficient");
        expectBlocked(eval(NOW, "intent.json", "lead.json,stranger.json"), "delegation_token_delegator_mismatch");
        expectBlocked(eval(NOW, "intent.json", "lead.json,read-only.json"), "delegation_token_scope_mismatch");
        expectBlocked(eval(NOW, "intent.json", "lead.json,tampered.json"), "delegation_token_signature_invalid");
        expectBlocked(eval(NOW.plusSeconds(3601), "intent.json", "lead.json,manager.json"), "delegation_token_expired");
    }

    @Test
    void a_chain_deeper_than_allowed_or_with_a_broken_link_never_allows() throws Exception {
        mint("ceo.json", "ceo", "lead", "write");
        mint("lead.json", "lead", "manager", "write");
        mint("manager.json", "manager", "worker", "write");
        mint("worker.json", "worker", "intern", "write");
        CliRunner.Result deep = eval(NOW, "deep.json", "ceo.json,lead.json,manager.json,worker.json");
        assertThat(deep.exitCode()).as("four links against max_delegation_depth 3").isEqualTo(3);
        assertThat(reasons(deep)).contains("default_block");

        Files.writeString(dir.resolve("broken.json"), Files.readString(dir.resolve("intent.json"))
                .replace("{\"delegator_identity\":\"manager\"", "{\"delegator_identity\":\"mallory\""));
        CliRunner.Result broken = eval(NOW, "broken.json", "lead.json,manager.json");
        assertThat(broken.exitCode()).as(broken.stdout()).isEqualTo(6);
        assertThat(broken.json().string("error").orElseThrow()).contains("delegat");
    }

    private static void expectBlocked(CliRunner.Result result, String reason) {
        assertThat(result.exitCode()).as(result.stdout()).isEqualTo(3);
        assertThat(result.json().string("verdict")).contains("block");
        assertThat(reasons(result)).contains(reason).doesNotContain("delegation_granted");
        assertThat(result.json().array("violations").orElseThrow().toString()).contains("delegation_not_granted");
    }
}
