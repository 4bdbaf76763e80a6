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

    private CliRunner.Result approvedWrite(String profile, String... extra) {
        List<String> args = new ArrayList<>(List.of("gate", "eval", "--policy", "policy.yaml", "--intent", "intent.json",
                "--approval-token", "approval-token.json", "--approval-public-key", "approval_public.key", "--profile", profile,
                "--key-mode", "prod", "--private-key", "k/gait_private.key", "--json"));
        args.addAll(List.of(extra));
        return cli().run(args.toArray(String[]::new));
    }

    private String trace(CliRunner.Result result) throws Exception {
        return Files.readString(dir.resolve(result.json().string("trace_path").orElseThrow()));
    }

    @Test
    void the_approved_high_risk_write_needs_a_broker_in_oss_prod_and_is_flagged_in_standard() throws Exception {
        CliRunner.Result standard = approvedWrite("standard");
        assertThat(standard.exitCode()).isZero();
        assertThat(standard.json().array("reason_codes").orElseThrow().toString())
                .contains("approval_granted", "least_privilege_credential_not_brokered");

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
        CliRunner.Result result = approvedWrite("oss-prod", "--credential-broker", "command", "--credential-command", command);
        assertThat(result.exitCode()).as(violation).isEqualTo(3);
        assertThat(result.json().string("verdict")).contains("block");
        assertThat(result.json().array("reason_codes").orElseThrow().toString()).contains("broker_credential_missing");
        assertThat(trace(result)).as("the trace names why").contains(violation);
    }

    private String script(String name, String body) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path.toString();
    }
}
