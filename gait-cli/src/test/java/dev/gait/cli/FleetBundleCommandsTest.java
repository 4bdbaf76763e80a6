package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.cli.fleet.CachedBundle;
import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.bundle.FleetRelease;
import dev.gait.core.bundle.PolicyContent;
import dev.gait.core.bundle.TrustedKey;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.KeySource;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signer;
import dev.gait.testkit.GaitReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gate eval --bundle}: decisions follow a verified fleet bundle (policy, kill switch, trusted
 * keys, least privilege), and a bundle that does not verify blocks with exit 3.
 */
class FleetBundleCommandsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String SCENARIO = "scenarios/approval-token-valid/";

    @TempDir
    Path dir;
    private Signer controlPlane;

    private CliRunner cli() {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @BeforeEach
    void scenario() throws Exception {
        for (String file : List.of("policy.yaml", "intent.json", "approval-token.json", "approval_public.key")) {
            Files.write(dir.resolve(file), GaitReference.bytes(SCENARIO + file));
        }
        assertThat(cli().run("keys", "init", "--out-dir", "cp", "--prefix", "cp").exitCode()).isZero();
        controlPlane = new LocalSigner(GoKeyText.decodePrivate(new KeySource.FileSource(dir.resolve("cp/cp_private.key"))));
    }

    /** Writes a bundle for {@code environment} with the policy in policy.yaml, trusting {@code approvalKey} for approvals when given. */
    private void writeBundle(String file, String environment, JsonObject killSwitch, boolean leastPrivilege, byte[] approvalKey) throws Exception {
        List<TrustedKey> keys = approvalKey == null ? List.of() : List.of(new TrustedKey(approvalKey, List.of(TrustedKey.APPROVAL)));
        writeContent(file, environment, PolicyContent.of(Files.readString(dir.resolve("policy.yaml")), List.of(), killSwitch), leastPrivilege, keys);
    }

    private void writeContent(String file, String environment, PolicyContent content, boolean leastPrivilege, List<TrustedKey> keys) throws Exception {
        FleetRelease.Verified release = FleetRelease.verify(FleetRelease.sign(content,
                new FleetRelease.Provenance("alice", "test", OffsetDateTime.parse("2026-11-24T09:00:00Z")), controlPlane),
                List.of(controlPlane.publicKey()));
        Files.createDirectories(dir.resolve(file).getParent());
        Files.write(dir.resolve(file), FleetBundle.sign(new FleetBundle.Draft("acme", environment, 1, release, false, keys, leastPrivilege,
                OffsetDateTime.parse("2026-11-24T09:30:00Z")), controlPlane));
    }

    private CliRunner.Result eval(String intent, String... extra) {
        List<String> args = new ArrayList<>(List.of("gate", "eval", "--bundle", "cache/bundle.json", "--fleet-trust", "cp/cp_public.key",
                "--intent", intent, "--json"));
        args.addAll(List.of(extra));
        if (!args.contains("--fleet-environment")) {
            args.addAll(List.of("--fleet-environment", "prod"));
        }
        return cli().run(args.toArray(String[]::new));
    }

    private static List<String> reasons(CliRunner.Result result) {
        return result.json().array("reason_codes").orElseThrow().elements().stream().map(v -> ((JsonString) v).value()).toList();
    }

    @Test
    void a_bundle_must_name_its_environment_and_may_be_pinned_to_an_organisation_and_a_sequence() throws Exception {
        writeBundle("cache/bundle.json", "prod", null, false, null);
        assertThat(cli().run("gate", "eval", "--bundle", "cache/bundle.json", "--fleet-trust", "cp/cp_public.key", "--intent", "intent.json",
                "--json").exitCode()).as("no --fleet-environment").isEqualTo(6);
        assertThat(eval("intent.json", "--fleet-org", "acme").exitCode()).isEqualTo(4);
        CliRunner.Result otherOrg = eval("intent.json", "--fleet-org", "globex");
        assertThat(otherOrg.exitCode()).isEqualTo(3);
        assertThat(otherOrg.json().string("error").orElseThrow()).contains(CachedBundle.UNAVAILABLE);
        assertThat(eval("intent.json", "--fleet-min-sequence", "1").exitCode()).isEqualTo(4);
        CliRunner.Result older = eval("intent.json", "--fleet-min-sequence", "2");
        assertThat(older.exitCode()).as("bundle 1 is older than the last one seen").isEqualTo(3);
        assertThat(older.json().string("error").orElseThrow()).contains("rollback");
    }

    @Test
    void the_bundle_policy_decides_and_the_keys_it_trusts_verify_approval_tokens() throws Exception {
        byte[] approvalKey = GoKeyText.decodePublic(new KeySource.FileSource(dir.resolve("approval_public.key")));
        writeBundle("cache/bundle.json", "prod", null, false, approvalKey);
        CliRunner.Result pending = eval("intent.json", "--fleet-environment", "prod");
        assertThat(pending.exitCode()).isEqualTo(4);
        assertThat(pending.json().string("verdict")).contains("require_approval");

        CliRunner.Result granted = eval("intent.json", "--approval-token", "approval-token.json");
        assertThat(granted.exitCode()).isZero();
        assertThat(reasons(granted)).contains("approval_granted");

        writeBundle("cache/bundle.json", "prod", null, false, null);
        assertThat(reasons(eval("intent.json", "--approval-token", "approval-token.json"))).contains("approval_token_signature_invalid");
    }

    @Test
    void the_bundle_kill_switch_and_least_privilege_apply() throws Exception {
        JsonObject killSwitch = JsonReader.strict().readObject("""
                {"schema_id":"gait.gate.kill_switch_state","schema_version":"1.0.0","entries":[
                 {"entry_id":"ks_write","created_at":"2026-11-24T05:00:00Z","enabled":true,"tool_name":"tool.write"}]}
                """.getBytes(StandardCharsets.UTF_8));
        writeBundle("cache/bundle.json", "prod", killSwitch, false, null);
        CliRunner.Result stopped = eval("intent.json");
        assertThat(stopped.exitCode()).isEqualTo(3);
        assertThat(reasons(stopped)).contains("kill_switch_active");

        Files.writeString(dir.resolve("high.json"), "{\"tool_name\":\"tool.read\",\"args\":{},\"context\":{\"identity\":\"alice\",\"workspace\":\"/repo\",\"risk_class\":\"high\"}}");
        Files.writeString(dir.resolve("policy.yaml"), "default_verdict: allow\n");
        writeBundle("cache/bundle.json", "prod", null, true, null);
        CliRunner.Result leastPrivilege = eval("high.json");
        assertThat(leastPrivilege.exitCode()).isEqualTo(3);
        assertThat(reasons(leastPrivilege)).contains("broker_credential_required");
        writeBundle("cache/bundle.json", "prod", null, false, null);
        assertThat(eval("high.json").exitCode()).isZero();
    }

    @Test
    void approved_scripts_in_the_bundle_pass_only_when_signed_by_a_key_it_trusts_for_them() throws Exception {
        for (String file : List.of("policy.yaml", "intent.json")) {
            Files.write(dir.resolve(file), GaitReference.bytes("scenarios/script-threshold-approval-determinism/" + file));
        }
        assertThat(cli().run("approve-script", "--policy", "policy.yaml", "--intent", "intent.json", "--registry", "registry.json",
                "--approver", "secops", "--ttl", "24h").exitCode()).isZero();
        List<JsonObject> entries = JsonReader.strict().readObject(Files.readAllBytes(dir.resolve("registry.json"))).array("entries").orElseThrow()
                .elements().stream().map(JsonObject.class::cast).toList();
        PolicyContent content = PolicyContent.of(Files.readString(dir.resolve("policy.yaml")), entries, null);
        byte[] approver = GoKeyText.decodePublic(new KeySource.FileSource(dir.resolve("home/keys/gait_public.key")));

        writeContent("cache/bundle.json", "prod", content, false, List.of(new TrustedKey(approver, List.of(TrustedKey.APPROVED_SCRIPT))));
        CliRunner.Result passed = eval("intent.json");
        assertThat(passed.exitCode()).as(passed.stdout()).isZero();
        assertThat(reasons(passed)).contains("approved_script_match");

        writeContent("cache/bundle.json", "prod", content, false, List.of(new TrustedKey(approver, List.of(TrustedKey.APPROVAL))));
        CliRunner.Result refused = eval("intent.json");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.json().string("error").orElseThrow()).contains("approved_scripts_unverified");
    }

    @Test
    void an_unverifiable_bundle_blocks_with_exit_3_and_names_the_reason() throws Exception {
        writeBundle("cache/bundle.json", "prod", null, false, null);
        assertThat(eval("intent.json", "--fleet-environment", "staging").json().string("error").orElseThrow())
                .startsWith("fleet_bundle_unavailable").contains("wrong_environment");

        byte[] bytes = Files.readAllBytes(dir.resolve("cache/bundle.json"));
        bytes[bytes.length - 20] ^= 0x01;
        Files.write(dir.resolve("cache/bundle.json"), bytes);
        CliRunner.Result tampered = eval("intent.json");
        assertThat(tampered.exitCode()).isEqualTo(3);
        assertThat(tampered.json().string("error").orElseThrow()).startsWith("fleet_bundle_unavailable");
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith("trace_"))).isEmpty();

        Files.delete(dir.resolve("cache/bundle.json"));
        CliRunner.Result missing = eval("intent.json");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.json().string("error").orElseThrow()).startsWith("fleet_bundle_unavailable").contains("unreadable");
    }

    @Test
    void verify_fleet_bundle_checks_a_bundle_offline_and_names_the_reason_of_a_refusal() throws Exception {
        writeBundle("cache/bundle.json", "prod", null, true, null);
        CliRunner.Result ok = cli().run("verify", "fleet-bundle", "cache/bundle.json", "--fleet-trust", "cp/cp_public.key", "--json");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.json().string("environment")).contains("prod");
        assertThat(ok.json().string("digest")).contains(dev.gait.core.digest.Digests.sha256Hex(Files.readAllBytes(dir.resolve("cache/bundle.json"))));

        CliRunner.Result wrongEnvironment = cli().run("verify", "fleet-bundle", "cache/bundle.json", "--fleet-trust", "cp/cp_public.key",
                "--fleet-environment", "staging", "--json");
        assertThat(wrongEnvironment.exitCode()).isEqualTo(2);
        assertThat(wrongEnvironment.json().string("reason_code")).contains("wrong_environment");
        assertThat(cli().run("verify", "fleet-release", "cache/bundle.json", "--fleet-trust", "cp/cp_public.key", "--json")
                .json().string("reason_code")).contains("unknown_schema");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--policy=policy.yaml", "--kill-switch-state=ks.json", "--approved-script-registry=r.json"})
    void a_bundle_replaces_the_local_policy_inputs(String flag) throws Exception {
        writeBundle("cache/bundle.json", "prod", null, false, null);
        assertThat(eval("intent.json", flag).exitCode()).isEqualTo(6);
    }

    @Test
    void serve_fleet_flags_are_checked_before_anything_starts() {
        assertThat(cli().run("serve", "--fleet", "http://127.0.0.1:1", "--fleet-trust", "cp/cp_public.key", "--json").json().string("error").orElseThrow())
                .contains("--fleet-environment");
        assertThat(cli().run("serve", "--fleet", "ftp://x", "--fleet-environment", "prod", "--fleet-trust", "cp/cp_public.key", "--json").exitCode())
                .isEqualTo(6);
        assertThat(cli().run("serve", "--fleet", "http://127.0.0.1:1", "--fleet-environment", "prod", "--json").json().string("error").orElseThrow())
                .contains("--fleet-trust");
        assertThat(cli().run("serve", "--fleet", "http://127.0.0.1:1", "--fleet-environment", "prod", "--fleet-trust", "cp/cp_public.key",
                "--policy", "policy.yaml", "--json").exitCode()).isEqualTo(6);
        CliRunner withCredential = new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString(), "POINT_TOKEN", "gait_cred_x.y"),
                Clock.fixed(NOW, ZoneOffset.UTC));
        CliRunner.Result clear = withCredential.run("serve", "--fleet", "http://fleet.example.com", "--fleet-environment", "prod",
                "--fleet-trust", "cp/cp_public.key", "--fleet-credential-env", "POINT_TOKEN", "--json");
        assertThat(clear.exitCode()).as("a credential in clear over http").isEqualTo(6);
        assertThat(clear.json().string("error").orElseThrow()).contains("https");
    }
}
