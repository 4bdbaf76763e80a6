package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.testkit.GaitReference;
import dev.gait.testkit.GaitSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Least privilege: high-risk allows need a brokered credential in oss-prod; brokers that misbehave issue nothing. */
class CredentialBrokerTest {

    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.systemUTC());
    }

    @BeforeEach
    void scenario() throws Exception {
        for (String file : List.of("policy.yaml", "intent.json", "approval-token.json", "approval_public.key")) {
            Files.write(dir.resolve(file), GaitReference.bytes("scenarios/approval-token-valid/" + file));
        }
        assertThat(cli().run("keys", "init", "--out-dir", "k").exitCode()).isZero();
    }

    private static final String BROKER_WARNING = "least_privilege_credential_not_brokered";

    private CliRunner.Result approvedWrite(String profile, String... extra) {
        return cli().run(approvedWriteArgs(profile, extra));
    }

    private String[] approvedWriteArgs(String profile, String... extra) {
        List<String> args = new ArrayList<>(List.of("gate", "eval", "--policy", "policy.yaml", "--intent", "intent.json",
                "--approval-token", "approval-token.json", "--approval-public-key", "approval_public.key", "--profile", profile,
                "--key-mode", "prod", "--private-key", "k/gait_private.key", "--json"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private String trace(CliRunner.Result result) throws Exception {
        return Files.readString(dir.resolve(result.json().string("trace_path").orElseThrow()));
    }

    @Test
    void the_approved_high_risk_write_needs_a_broker_in_oss_prod_and_is_flagged_in_standard() throws Exception {
        CliRunner.Result standard = approvedWrite("standard");
        assertThat(standard.exitCode()).isZero();
        assertThat(standard.json().array("reason_codes").orElseThrow().toString())
                .contains("approval_granted", BROKER_WARNING);
        assertThat(trace(standard)).as("posture reports count the warning from traces").contains(BROKER_WARNING);

        CliRunner.Result noBroker = approvedWrite("oss-prod");
        assertThat(noBroker.exitCode()).isEqualTo(3);
        assertThat(noBroker.json().array("reason_codes").orElseThrow().toString()).contains("broker_credential_required");
        assertThat(trace(noBroker)).contains("broker_credential_missing");

        CliRunner.Result brokered = approvedWrite("oss-prod", "--credential-broker", "stub", "--credential-scopes", "repo:write");
        assertThat(brokered.exitCode()).isZero();
        assertThat(brokered.json().array("reason_codes").orElseThrow().toString()).contains("approval_granted", "broker_credential_present");
        String trace = trace(brokered);
        GaitSchemas.assertValid("gate/trace_record", trace);
        assertThat(trace).contains("\"broker_credential_ref\": \"stub:");
        GaitSchemas.assertValid("gate/broker_credential_record",
                Files.readString(dir.resolve(brokered.json().string("credential_evidence_path").orElseThrow())));
    }

    @Test
    void a_command_broker_must_answer_for_this_request_in_time_and_within_the_cap() throws Exception {
        String good = script("good.sh", """
                d=$(sha256sum | cut -d' ' -f1)
                printf '{"credential_ref":"vault:lease/1","scope":["repo:write"],"ttl_seconds":120,"request_digest":"%s","source":"vault"}' "$d"
                """);
        CliRunner.Result granted = approvedWrite("oss-prod", "--credential-broker", "command", "--credential-command", good,
                "--credential-scopes", "repo:write");
        assertThat(granted.exitCode()).as(granted.stdout()).isZero();
        assertThat(granted.json().string("credential_ref")).contains("vault:lease/1");

        expectBlocked(script("hang.sh", "sleep 30\n"), "broker_command_timeout");
        expectBlocked(script("garbage.sh", "echo 'not json at all'\n"), "broker_output_invalid");
        expectBlocked(script("huge.sh", "head -c 20000 /dev/zero\n"), "broker_output_too_large");
        expectBlocked(script("fails.sh", "exit 7\n"), "broker_command_failed");
        expectBlocked(script("forever.sh", "cat >/dev/null; echo '{\"credential_ref\":\"r\",\"ttl_seconds\":1e20}'\n"),
                "broker_output_invalid");
        expectBlocked(script("secret.sh", "cat >/dev/null; echo '{\"credential_ref\":\"r\",\"token\":\"hunter2\"}'\n"),
                "broker_output_contains_secret");
        String stale = script("stale.sh", "cat >/dev/null; echo '{\"credential_ref\":\"r\",\"scope\":[\"repo:write\"],"
                + "\"ttl_seconds\":60,\"request_digest\":\"" + "0".repeat(64) + "\"}'\n");
        CliRunner.Result mismatch = approvedWrite("oss-prod", "--credential-broker", "command", "--credential-command", stale,
                "--credential-scopes", "repo:write");
        assertThat(mismatch.exitCode()).isEqualTo(3);
        assertThat(mismatch.json().array("reason_codes").orElseThrow().toString()).contains("broker_request_digest_mismatch");
    }

    private void expectBlocked(String command, String violation) throws Exception {
        CliRunner.Result result = approvedWrite("oss-prod", "--credential-broker", "command", "--credential-command", command,
                "--credential-scopes", "repo:write");
        assertThat(result.exitCode()).as(violation).isEqualTo(3);
        assertThat(result.json().string("verdict")).contains("block");
        assertThat(result.json().array("reason_codes").orElseThrow().toString()).contains("broker_credential_missing");
        assertThat(trace(result)).as("the trace names why").contains(violation);
    }

    @Test
    void least_privilege_needs_a_scoped_credential_that_lives_at_most_an_hour() throws Exception {
        CliRunner.Result unscoped = approvedWrite("oss-prod", "--credential-broker", "stub");
        assertThat(unscoped.exitCode()).isEqualTo(3);
        assertThat(trace(unscoped)).contains("broker_scope_missing");

        CliRunner envCli = new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString(),
                "GAIT_BROKER_TOKEN_TOOL_WRITE", "opaque-value", "GAIT_BROKER_TOKEN_TOOL_WRITE_TTL_SECONDS", "7200",
                "GAIT_BROKER_TOKEN_TOOL_WRITE_ACCESS_TYPE", "jit"), Clock.systemUTC());
        CliRunner.Result longLived = envCli.run(approvedWriteArgs("oss-prod", "--credential-broker", "env",
                "--credential-scopes", "repo:write"));
        assertThat(longLived.exitCode()).isEqualTo(3);
        assertThat(longLived.json().array("reason_codes").orElseThrow().toString()).contains("broker_ttl_exceeded");

        CliRunner shortCli = new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString(),
                "GAIT_BROKER_TOKEN_TOOL_WRITE", "opaque-value", "GAIT_BROKER_TOKEN_TOOL_WRITE_TTL_SECONDS", "900",
                "GAIT_BROKER_TOKEN_TOOL_WRITE_ISSUER", "vault.example"), Clock.systemUTC());
        CliRunner.Result fits = shortCli.run(approvedWriteArgs("oss-prod", "--credential-broker", "env",
                "--credential-scopes", "repo:write"));
        assertThat(fits.exitCode()).as(fits.stdout()).isZero();
        String evidence = Files.readString(dir.resolve(fits.json().string("credential_evidence_path").orElseThrow()));
        GaitSchemas.assertValid("gate/broker_credential_record", evidence);
        assertThat(evidence).contains("\"ttl_seconds\": 900", "\"credential_issuer\": \"vault.example\"")
                .doesNotContain("opaque-value");
    }

    /** A rule with JIT provenance keys: the intent's credential and the brokered one must both satisfy them. */
    private void jitPolicy(String credentialRef) throws Exception {
        Files.writeString(dir.resolve("jit.yaml"), """
                default_verdict: block
                rules:
                  - name: brokered-write
                    effect: allow
                    match:
                      tool_names: [tool.write]
                      risk_classes: [high]
                    require_broker_credential: true
                    broker_scopes: [repo:write]
                    require_jit_credential: true
                    block_standing_credentials: true
                    allowed_credential_sources: [aws_sts]
                    allowed_credential_issuers: [sts.amazonaws.com]
                    max_credential_ttl_seconds: 900
                """);
        Files.writeString(dir.resolve("jit-intent.json"), """
                {"schema_id":"gait.gate.intent_request","schema_version":"1.0.0","created_at":"2026-02-18T00:00:00Z",
                 "producer_version":"0.0.0-dev","tool_name":"tool.write","args":{"path":"/tmp/out.txt"},
                 "targets":[{"kind":"path","value":"/tmp/out.txt","operation":"write"}],
                 "context":{"identity":"agent.deploy","workspace":"/repo","risk_class":"high","run_id":"run-7",
                  "credential_ref":"%s","credential_source":"aws_sts","credential_access_type":"jit",
                  "credential_issuer":"sts.amazonaws.com","credential_ttl_seconds":600}}
                """.formatted(credentialRef));
    }

    private CliRunner.Result jitWrite(String... extra) {
        List<String> args = new ArrayList<>(List.of("gate", "eval", "--policy", "jit.yaml", "--intent", "jit-intent.json",
                "--profile", "oss-prod", "--key-mode", "prod", "--private-key", "k/gait_private.key", "--json"));
        args.addAll(List.of(extra));
        return cli().run(args.toArray(String[]::new));
    }

    @Test
    void provider_receipts_are_normalised_and_checked_against_the_rules_provenance_keys() throws Exception {
        String role = "arn:aws:sts::123456789012:assumed-role/deployer/run-7";
        jitPolicy("aws_sts:" + role);
        String sts = script("sts.sh", "cat >/dev/null; echo '{\"provider\":\"aws\",\"assumed_role_arn\":\"" + role
                + "\",\"ttl_seconds\":600}'\n");
        CliRunner.Result granted = jitWrite("--credential-broker", "command", "--credential-command", sts);
        assertThat(granted.exitCode()).as(granted.stdout()).isZero();
        String trace = trace(granted);
        GaitSchemas.assertValid("gate/trace_record", trace);
        assertThat(trace).contains("\"broker_credential_ref\": \"aws_sts:" + role + "\"",
                "\"broker_credential_issuer\": \"sts.amazonaws.com\"", "\"broker_run_binding\": \"run-7\"");

        // the stub is not the STS credential the intent names
        CliRunner.Result stub = jitWrite("--credential-broker", "stub");
        assertThat(stub.exitCode()).isEqualTo(3);
        assertThat(stub.json().array("reason_codes").orElseThrow().toString())
                .contains("broker_credential_ref_mismatch", "credential_source_disallowed", "credential_issuer_disallowed");

        String longLived = script("long.sh", "cat >/dev/null; echo '{\"provider\":\"aws_sts\",\"assumed_role_arn\":\"" + role
                + "\",\"ttl_seconds\":1200}'\n");
        CliRunner.Result tooLong = jitWrite("--credential-broker", "command", "--credential-command", longLived);
        assertThat(tooLong.exitCode()).isEqualTo(3);
        assertThat(tooLong.json().array("reason_codes").orElseThrow().toString()).contains("broker_ttl_exceeded");

        String silent = script("silent.sh", "d=$(sha256sum | cut -d' ' -f1); printf '{\"credential_ref\":\"aws_sts:" + role
                + "\",\"source\":\"aws_sts\",\"issuer\":\"sts.amazonaws.com\",\"scope\":[\"repo:write\"],\"ttl_seconds\":600,"
                + "\"request_digest\":\"%s\"}' \"$d\"\n");
        CliRunner.Result unsaid = jitWrite("--credential-broker", "command", "--credential-command", silent);
        assertThat(unsaid.exitCode()).as("a plain answer that does not say JIT fails a JIT-only rule").isEqualTo(3);
        assertThat(unsaid.json().array("reason_codes").orElseThrow().toString()).contains("credential_evidence_missing");

        String standing = script("standing.sh", "cat >/dev/null; echo '{\"provider\":\"sts\",\"assumed_role_arn\":\"" + role
                + "\",\"access_type\":\"standing\",\"ttl_seconds\":600}'\n");
        CliRunner.Result notJit = jitWrite("--credential-broker", "command", "--credential-command", standing);
        assertThat(notJit.exitCode()).isEqualTo(3);
        assertThat(notJit.json().array("reason_codes").orElseThrow().toString())
                .contains("credential_not_jit", "standing_credential_disallowed");

        String otherRun = script("other-run.sh", "cat >/dev/null; echo '{\"provider\":\"aws_sts\",\"assumed_role_arn\":\"" + role
                + "\",\"run_binding\":\"run-8\",\"ttl_seconds\":600}'\n");
        CliRunner.Result wrongRun = jitWrite("--credential-broker", "command", "--credential-command", otherRun);
        assertThat(wrongRun.json().array("reason_codes").orElseThrow().toString()).contains("broker_run_binding_mismatch");

        String leaked = script("leaked.sh", "cat >/dev/null; echo '{\"provider\":\"aws_sts\",\"session_arn\":\"ASIAEXAMPLEKEY123\","
                + "\"ttl_seconds\":600}'\n");
        CliRunner.Result secret = jitWrite("--credential-broker", "command", "--credential-command", leaked);
        assertThat(secret.exitCode()).isEqualTo(3);
        assertThat(trace(secret)).contains("broker_output_contains_secret").doesNotContain("ASIAEXAMPLEKEY123");
    }

    @Test
    void a_rule_may_opt_out_of_least_privilege_only_with_a_reason_that_every_trace_carries() throws Exception {
        String policy = """
                default_verdict: block
                rules:
                  - name: scratch-write
                    effect: allow
                    match:
                      tool_names: [tool.write]
                    least_privilege_opt_out: %s
                """;
        Files.writeString(dir.resolve("optout.yaml"), policy.formatted("\"scratch volume, no credential involved\""));
        List<String> args = List.of("gate", "eval", "--policy", "optout.yaml", "--intent", "intent.json", "--key-mode", "prod",
                "--private-key", "k/gait_private.key", "--json");
        for (String profile : List.of("oss-prod", "standard")) {
            List<String> withProfile = new ArrayList<>(args);
            withProfile.addAll(List.of("--profile", profile));
            CliRunner.Result result = cli().run(withProfile.toArray(String[]::new));
            assertThat(result.exitCode()).as(profile + result.stdout()).isZero();
            assertThat(result.json().array("reason_codes").orElseThrow().toString())
                    .contains("least_privilege_opt_out").doesNotContain(BROKER_WARNING);
            String trace = trace(result);
            GaitSchemas.assertValid("gate/trace_record", trace);
            assertThat(trace).contains("least_privilege_opt_out:scratch-write: scratch volume, no credential involved");
        }

        for (String bad : List.of("\"\"", "\"   \"")) {
            Files.writeString(dir.resolve("optout.yaml"), policy.formatted(bad));
            assertThat(cli().run(args.toArray(String[]::new)).exitCode()).as(bad).isEqualTo(6);
        }
        Files.writeString(dir.resolve("optout.yaml"), policy.formatted("\"x\"") + "    require_broker_credential: true\n");
        CliRunner.Result contradictory = cli().run(args.toArray(String[]::new));
        assertThat(contradictory.exitCode()).isEqualTo(6);
        assertThat(contradictory.stdout()).contains("contradicts require_broker_credential");
    }

    private String script(String name, String body) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path.toString();
    }
}
