package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.testkit.GaitReference;
import dev.gait.testkit.GaitSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approval tokens end to end: minted by {@code gait approve}, checked by {@code gate eval}. */
class ApprovalTokenTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path dir;
    private String intentDigest;
    private String policyDigest;

    private CliRunner cli(Instant at) {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.fixed(at, ZoneOffset.UTC));
    }

    @BeforeEach
    void scenario() throws Exception {
        for (String file : List.of("policy.yaml", "intent.json", "approval-token.json", "approval_public.key")) {
            Files.write(dir.resolve(file), GaitReference.bytes("scenarios/approval-token-valid/" + file));
        }
        Files.writeString(dir.resolve("other-intent.json"), Files.readString(dir.resolve("intent.json")).replace("tool.write", "tool.delete"));
        JsonObject pending = cli(NOW).run("gate", "eval", "--policy", "policy.yaml", "--intent", "intent.json", "--json").json();
        intentDigest = pending.string("intent_digest").orElseThrow();
        policyDigest = pending.string("policy_digest").orElseThrow();
    }

    private CliRunner.Result eval(Instant at, String intent, String tokens, String... extra) {
        List<String> args = new ArrayList<>(List.of("gate", "eval", "--policy", "policy.yaml", "--intent", intent,
                "--approval-token-chain", tokens, "--json"));
        args.addAll(List.of(extra));
        return cli(at).run(args.toArray(String[]::new));
    }

    private void approve(String out, String approver, String scope, String ttl, String... extra) {
        List<String> args = new ArrayList<>(List.of("approve", "--intent-digest", intentDigest, "--policy-digest", policyDigest,
                "--ttl", ttl, "--scope", scope, "--approver", approver, "--reason-code", "CHG-1", "--out", out));
        args.addAll(List.of(extra));
        assertThat(cli(NOW).run(args.toArray(String[]::new)).exitCode()).isZero();
    }

    private static List<String> reasons(CliRunner.Result result) {
        return result.json().array("reason_codes").orElseThrow().elements().stream()
                .map(v -> ((dev.gait.core.json.JsonString) v).value()).toList();
    }

    @Test
    void the_go_minted_token_grants_the_scenario_and_the_audit_record_is_schema_valid() throws Exception {
        CliRunner.Result result = eval(NOW, "intent.json", "approval-token.json", "--approval-public-key", "approval_public.key");
        assertThat(result.exitCode()).isZero();
        assertThat(result.json().string("verdict")).contains("allow");
        assertThat(reasons(result)).contains("approval_granted");
        assertThat(result.json().string("approval_ref")).contains("ec44f8948261811d131eb04a");
        String trace = Files.readString(dir.resolve(result.json().string("trace_path").orElseThrow()));
        GaitSchemas.assertValid("gate/trace_record", trace);
        assertThat(trace).contains("\"approval_ref\": \"ec44f8948261811d131eb04a\"");
        Path audit = dir.resolve(result.json().string("approval_audit_path").orElseThrow());
        GaitSchemas.assertValid("gate/approval_audit_record", Files.readString(audit));
    }

    @Test
    void a_token_we_mint_grants_and_validates_against_the_v1_schema() throws Exception {
        approve("mine.json", "alice", "tool:tool.write", "15m");
        GaitSchemas.assertValid("gate/approval_token", Files.readString(dir.resolve("mine.json")));
        CliRunner.Result result = eval(NOW.plusSeconds(60), "intent.json", "mine.json");
        assertThat(result.exitCode()).isZero();
        assertThat(reasons(result)).contains("approval_granted");
    }

    @Test
    void each_broken_token_keeps_the_call_waiting_with_its_reason_code() throws Exception {
        approve("good.json", "alice", "tool:tool.write", "15m");
        approve("wrong-scope.json", "alice", "tool:tool.read", "15m");
        Files.writeString(dir.resolve("tampered.json"), Files.readString(dir.resolve("good.json")).replace("CHG-1", "CHG-2"));
        Files.writeString(dir.resolve("garbage.json"), "{not json");

        expectRefused(eval(NOW, "other-intent.json", "good.json"), "approval_token_intent_mismatch");
        expectRefused(eval(NOW.plus(Duration.ofMinutes(16)), "intent.json", "good.json"), "approval_token_expired");
        expectRefused(eval(NOW, "intent.json", "good.json", "--approval-public-key", "approval_public.key"),
                "approval_token_signature_invalid");
        expectRefused(eval(NOW, "intent.json", "tampered.json"), "approval_token_signature_invalid");
        expectRefused(eval(NOW, "intent.json", "wrong-scope.json"), "approval_token_scope_mismatch");
        expectRefused(eval(NOW, "intent.json", "garbage.json"), "approval_token_invalid");
        expectRefused(eval(NOW, "intent.json", "approval-token.json"), "approval_token_signature_invalid");
        assertThat(eval(NOW, "intent.json", "absent.json").exitCode()).as("a token file that is not there").isEqualTo(6);
    }

    @Test
    void two_approvals_from_one_approver_are_not_two_approvals() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), """
                default_verdict: block
                rules:
                  - name: two-person-write
                    effect: require_approval
                    min_approvals: 2
                    match: {tool_names: [tool.write]}
                """);
        policyDigest = cli(NOW).run("gate", "eval", "--policy", "policy.yaml", "--intent", "intent.json", "--json").json()
                .string("policy_digest").orElseThrow();
        approve("alice-1.json", "alice", "tool:tool.write", "15m");
        approve("alice-2.json", "alice", "tool:tool.write", "20m");
        approve("bob.json", "bob", "tool:tool.write", "15m");

        expectRefused(eval(NOW, "intent.json", "alice-1.json"), "approval_chain_insufficient");
        expectRefused(eval(NOW, "intent.json", "alice-1.json,alice-2.json"), "approval_distinct_approvers_required");
        expectRefused(eval(NOW, "intent.json", "bob.json,./bob.json"), "approval_chain_insufficient");
        CliRunner.Result granted = eval(NOW, "intent.json", "alice-1.json,bob.json");
        assertThat(granted.exitCode()).isZero();
        assertThat(granted.json().string("approval_ref").orElseThrow()).contains(",");
    }

    @Test
    void an_absurd_approval_count_never_reduces_to_zero() throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), """
                default_verdict: block
                rules:
                  - name: many
                    effect: require_approval
                    min_approvals: 4294967296
                    match: {tool_names: [tool.write]}
                """);
        Files.writeString(dir.resolve("garbage.json"), "not a token");
        expectRefused(eval(NOW, "intent.json", "garbage.json"), "approval_chain_insufficient");
    }

    private static void expectRefused(CliRunner.Result result, String reason) {
        assertThat(result.exitCode()).as(reason).isEqualTo(4);
        assertThat(result.json().string("verdict")).contains("require_approval");
        assertThat(reasons(result)).as(result.stdout()).contains(reason).doesNotContain("approval_granted");
        assertThat(result.json().array("violations").orElseThrow().toString()).contains("approval_not_granted");
    }
}
