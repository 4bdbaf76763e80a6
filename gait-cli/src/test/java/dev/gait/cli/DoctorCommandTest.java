package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.testkit.GaitReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gait doctor}: a fresh clone of this repository, broken setups, and production readiness. */
class DoctorCommandTest {
    /** The repository this test runs in (Maven runs module tests from the module directory). */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SCHEMAS = List.of("runpack/manifest", "runpack/run", "runpack/intent", "runpack/result",
            "runpack/refs", "gate/intent_request", "gate/gate_result", "gate/trace_record", "gate/approval_token",
            "gate/approval_audit_record", "gate/broker_credential_record", "context/envelope", "context/reference_record",
            "context/budget_report", "policytest/policy_test_result", "regress/regress_result", "scout/inventory_snapshot",
            "guard/pack_manifest", "registry/registry_pack", "scout/adoption_event", "scout/operational_event");

    @TempDir
    Path dir;

    private Path clone;
    private Path launcher;

    @BeforeEach
    void layOutFreshClone() throws Exception {
        clone = Files.createDirectories(dir.resolve("clone"));
        for (String file : List.of("pom.xml", "gait", "scripts/test", "scripts/lib/jdk.sh", "docs/doctor.md")) {
            Files.createDirectories(clone.resolve(file).getParent());
            Files.copy(REPOSITORY.resolve(file), clone.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        for (String module : List.of("gait-cli", "gait-core", "gait-testkit")) {
            Files.createDirectories(clone.resolve(module));
        }
        for (String schema : SCHEMAS) {
            Path target = clone.resolve("gait-testkit/src/main/resources/gait-v1/schemas/v1/" + schema + ".schema.json");
            Files.createDirectories(target.getParent());
            Files.write(target, GaitReference.bytes("schemas/v1/" + schema + ".schema.json"));
        }
        // the gait this test runs: the code under test in its own JVM, as the launcher runs it
        launcher = dir.resolve("bin/gait");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.gait.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    }

    private CliRunner.Result doctor(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("HOME", dir.resolve("home").toString(), "PATH", "", "TMPDIR", dir.toString()));
        env.putAll(extraEnv);
        return new CliRunner(clone, env, Clock.systemUTC()).runAs(launcher.toString(), "", prepend("doctor", args));
    }

    @Test
    void a_fresh_clone_reports_every_check_with_a_status_and_a_fix_for_what_does_not_pass() {
        CliRunner.Result result = doctor(Map.of(), "--json");

        assertThat(result.exitCode()).isZero();
        JsonObject json = result.json();
        assertThat(json.string("schema_id")).contains("gait.doctor.result");
        assertThat(json.string("onboarding_mode")).contains("repo_checkout");
        assertThat(json.get("ok")).contains(JsonBoolean.TRUE);
        Map<String, String> statuses = statuses(json);
        assertThat(statuses).containsExactly(
                Map.entry("workdir", "pass"), Map.entry("output_dir", "warn"), Map.entry("job_runtime_durability", "not_available"),
                Map.entry("temp_dir", "pass"), Map.entry("registry_cache", "not_available"), Map.entry("gate_rate_limit_lock", "pass"),
                Map.entry("onboarding_binary", "pass"), Map.entry("key_source_ambiguity", "pass"), Map.entry("key_permissions", "pass"),
                Map.entry("key_config", "pass"), Map.entry("project_config", "pass"), Map.entry("schema_files", "pass"),
                Map.entry("hooks_path", "not_available"), Map.entry("onboarding_assets", "pass"));
        for (JsonObject check : checks(json)) {
            assertThat(check.string("message").orElseThrow()).as(check.toString()).isNotBlank();
            if (!check.string("status").orElseThrow().equals("pass")) {
                assertThat(check.string("fix_command").orElseThrow()).as(check.toString()).isNotBlank();
            }
        }
        assertThat(check(json, "output_dir").string("fix_command")).contains("mkdir -p '" + clone.resolve("gait-out") + "'");
        assertThat(json.string("status")).contains("warn");
        assertThat(json.string("summary")).contains("doctor: onboarding_mode=repo_checkout status=warn failed=0 warned=1 non_fixable=false");
        assertThat(json.string("binary_path")).contains(launcher.toString());
        assertThat(json.string("binary_path_source")).contains("invoked");
        assertThat(json.string("binary_version")).contains("gait 0.0.0-dev");
        assertThat(strings(json, "fix_commands")).containsExactly("mkdir -p '" + clone.resolve("gait-out") + "'");
    }

    @Test
    void text_output_lists_each_check_with_its_fix_and_summary_mode_only_the_problems() {
        CliRunner.Result text = doctor(Map.of());
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).startsWith("doctor: onboarding_mode=repo_checkout status=warn")
                .contains("- workdir: pass (workdir is writable)\n")
                .contains("- output_dir: warn (output directory does not exist: " + clone.resolve("gait-out") + ")\n  fix: mkdir -p ")
                .contains("- registry_cache: not_available (");
        CliRunner.Result summary = doctor(Map.of(), "--summary");
        assertThat(summary.stdout()).contains("- output_dir: warn").doesNotContain("- workdir: pass");
    }

    @Test
    void a_broken_setup_names_the_failing_checks_and_their_fixes() throws Exception {
        Files.createDirectories(clone.resolve(".gait"));
        Files.writeString(clone.resolve(".gait/config.yaml"), "gate:\n  profile: standard\n  polcy: .gait.yaml\n");
        Path key = clone.resolve("broken_private.key");
        Files.writeString(key, "not a key\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw-r--"));

        CliRunner.Result result = doctor(Map.of(), "--key-mode", "prod", "--private-key", key.toString(), "--json");

        assertThat(result.exitCode()).isZero(); // plain doctor reports; it does not fail the shell
        JsonObject json = result.json();
        assertThat(json.string("status")).contains("fail");
        JsonObject config = check(json, "project_config");
        assertThat(config.string("status")).contains("fail");
        assertThat(config.string("message").orElseThrow()).contains("unknown field gate.polcy");
        assertThat(config.string("fix_command").orElseThrow()).contains("edit '" + clone.resolve(".gait/config.yaml") + "'");
        JsonObject keyConfig = check(json, "key_config");
        assertThat(keyConfig.string("status")).contains("fail");
        assertThat(keyConfig.string("message").orElseThrow()).startsWith("invalid prod signing key config:");
        assertThat(keyConfig.string("fix_command")).contains("gait keys verify --private-key '" + key + "' (or create a pair with gait keys init)");
        JsonObject permissions = check(json, "key_permissions");
        assertThat(permissions.string("status")).contains("warn");
        assertThat(permissions.string("fix_command")).contains("chmod go-w '" + key + "'");
    }

    @Test
    void ambiguous_key_sources_and_a_key_others_can_read_are_reported() throws Exception {
        Path keys = dir.resolve("keys");
        assertThat(new CliRunner(dir).run("keys", "init", "--out-dir", keys.toString()).exitCode()).isZero();
        Path privateKey = keys.resolve("gait_private.key");
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-r--r--"));

        JsonObject json = doctor(Map.of("K", "x"), "--private-key", privateKey.toString(), "--private-key-env", "K", "--json").json();
        assertThat(check(json, "key_source_ambiguity").string("fix_command")).contains("set only one of --private-key or --private-key-env");
        assertThat(check(json, "key_permissions").string("fix_command")).contains("chmod go-rw '" + privateKey + "'");

        JsonObject mismatched = doctor(Map.of(), "--key-mode", "prod", "--private-key", privateKey.toString(),
                "--public-key-env", "OTHER", "--json").json();
        assertThat(check(mismatched, "key_config").string("status")).contains("fail");
        assertThat(check(mismatched, "key_config").string("message").orElseThrow()).contains("OTHER");
    }

    @Test
    void missing_schemas_are_non_fixable_and_exit_7() throws Exception {
        Files.delete(clone.resolve("gait-testkit/src/main/resources/gait-v1/schemas/v1/gate/trace_record.schema.json"));

        CliRunner.Result result = doctor(Map.of(), "--json");

        assertThat(result.exitCode()).isEqualTo(7);
        JsonObject json = result.json();
        assertThat(json.get("ok")).contains(JsonBoolean.FALSE);
        assertThat(json.get("non_fixable")).contains(JsonBoolean.TRUE);
        JsonObject schemas = check(json, "schema_files");
        assertThat(schemas.string("message").orElseThrow()).contains("schemas/v1/gate/trace_record.schema.json");
        assertThat(schemas.string("fix_command").orElseThrow()).startsWith("git restore --source=HEAD -- ");
    }

    @Test
    void outside_a_checkout_doctor_runs_the_universal_checks_only() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        CliRunner.Result result = new CliRunner(plain, Map.of("HOME", dir.resolve("home").toString()), Clock.systemUTC())
                .run("doctor", "--json");
        assertThat(result.json().string("onboarding_mode")).contains("installed_binary");
        assertThat(statuses(result.json())).doesNotContainKeys("schema_files", "hooks_path", "onboarding_assets");
        assertThat(check(result.json(), "onboarding_binary").string("status")).contains("warn");
    }

    @Test
    void production_readiness_fails_with_exit_2_until_init_writes_an_oss_prod_setup() throws Exception {
        CliRunner.Result missing = doctor(Map.of(), "--production-readiness", "--json");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.json().get("ok")).contains(JsonBoolean.FALSE);
        assertThat(check(missing.json(), "production_readiness_config").string("fix_command"))
                .contains("gait init --profile oss-prod --config-only");

        Path keys = dir.resolve("keys");
        new CliRunner(dir).run("keys", "init", "--out-dir", keys.toString());
        String privateKey = Files.readString(keys.resolve("gait_private.key")).strip();
        CliRunner init = new CliRunner(clone, Map.of("HOME", dir.resolve("home").toString()), Clock.systemUTC());
        assertThat(init.run("init", "--profile", "oss-prod", "--template", "baseline-mediumrisk").exitCode()).isZero();

        CliRunner.Result ready = doctor(Map.of("GAIT_PRIVATE_KEY", privateKey), "--production-readiness", "--json");
        assertThat(ready.exitCode()).as(ready.stdout()).isZero();
        assertThat(statuses(ready.json())).containsOnlyKeys("workdir", "output_dir", "job_runtime_durability", "temp_dir",
                "key_source_ambiguity", "key_permissions", "key_config", "production_readiness_config", "production_profile",
                "production_key_mode", "production_retention", "production_service_boundary", "production_context_strictness",
                "production_policy");
        assertThat(check(ready.json(), "key_config").string("message").orElseThrow()).contains("prod key mode; signing key env:GAIT_PRIVATE_KEY");

        CliRunner.Result noKey = doctor(Map.of(), "--production-readiness", "--json");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(check(noKey.json(), "key_config").string("status")).contains("fail");
    }

    @Test
    void production_readiness_checks_the_service_boundary_and_the_policy_against_oss_prod() throws Exception {
        CliRunner init = new CliRunner(clone, Map.of("HOME", dir.resolve("home").toString()), Clock.systemUTC());
        assertThat(init.run("init", "--profile", "oss-prod").exitCode()).isZero(); // baseline-highrisk
        Files.writeString(clone.resolve(".gait/config.yaml"), "mcp_serve:\n  enabled: true\n  listen: 0.0.0.0:8787\n",
                StandardOpenOption.APPEND);

        JsonObject json = doctor(Map.of(), "--production-readiness", "--json").json();

        JsonObject boundary = check(json, "production_service_boundary");
        assertThat(boundary.string("message")).contains("non-loopback mcp_serve.listen requires mcp_serve.auth_mode=token");
        assertThat(boundary.string("fix_command")).contains("set mcp_serve.auth_mode: token in '.gait/config.yaml'");
        JsonObject policy = check(json, "production_policy");
        assertThat(policy.string("status")).contains("fail");
        assertThat(policy.string("message").orElseThrow())
                .contains("rule allow-delegated-egress-write lets high-risk calls through without require_broker_credential");
    }

    private static Map<String, String> statuses(JsonObject json) {
        return checks(json).stream().collect(Collectors.toMap(c -> c.string("name").orElseThrow(), c -> c.string("status").orElseThrow(),
                (a, b) -> a, LinkedHashMap::new));
    }

    private static List<JsonObject> checks(JsonObject json) {
        return json.array("checks").orElseThrow().elements().stream().map(JsonObject.class::cast).toList();
    }

    private static JsonObject check(JsonObject json, String name) {
        return checks(json).stream().filter(c -> c.string("name").orElseThrow().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> strings(JsonObject json, String key) {
        return json.array(key).orElse(JsonArray.EMPTY).elements().stream().map(value -> ((JsonString) value).value()).toList();
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
