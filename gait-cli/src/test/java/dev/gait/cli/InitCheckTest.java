package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.config.ProjectConfig;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gait init} writes a starter policy and project defaults from what the repository shows; {@code gait check} validates them. */
class InitCheckTest {

    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir, Map.of("HOME", dir.resolve("home").toString()), Clock.systemUTC());
    }

    @BeforeEach
    void agentRepository() throws Exception {
        Files.createDirectories(dir.resolve("agent"));
        Files.writeString(dir.resolve("agent/tools.py"), """
                from langchain.tools import tool

                @tool
                def delete_customer(customer_id: str) -> str:
                    return "deleted"

                @tool
                def update_invoice(invoice_id: str) -> str:
                    return "updated"

                @tool
                def lookup_weather(city: str) -> str:
                    return "sunny"
                """);
        // dependencies and caches are skipped
        Files.createDirectories(dir.resolve("node_modules/pkg"));
        Files.writeString(dir.resolve("node_modules/pkg/tool.py"), "@tool\ndef drop_everything():\n    pass\n");
    }

    @Test
    void init_writes_the_policy_and_defaults_and_reports_detection_signals_and_starter_rules() throws Exception {
        CliRunner.Result result = cli().run("init", "--json");

        assertThat(result.exitCode()).as(result.stdout()).isZero();
        JsonObject json = result.json();
        assertThat(json.string("template")).contains("baseline-highrisk");
        assertThat(json.string("policy_path")).contains(".gait.yaml");
        assertThat(json.string("config_path")).contains(".gait/config.yaml");
        JsonObject detection = json.object("detection").orElseThrow();
        assertThat(strings(detection, "frameworks")).containsExactly("langchain");
        assertThat(strings(detection, "tool_names")).containsExactly("delete_customer", "lookup_weather", "update_invoice");
        List<JsonObject> rules = objects(json, "generated_rules");
        assertThat(rules).extracting(rule -> rule.string("id").orElseThrow())
                .containsExactly("starter.block.destructive", "starter.require_approval.state_change");
        assertThat(strings(rules.get(0), "match_tool_names")).containsExactly("delete_customer");
        assertThat(strings(rules.get(1), "match_tool_names")).containsExactly("update_invoice");
        assertThat(objects(json, "detected_signals")).extracting(signal -> signal.string("code").orElseThrow())
                .containsExactly("framework.langchain", "tool.destructive", "tool.payment");
        assertThat(json.object("contract").orElseThrow().string("regress_config_path")).contains("gait.yaml");
        assertThat(strings(json, "next_commands")).contains("gait check --policy .gait.yaml --json");

        String policy = Files.readString(dir.resolve(".gait.yaml"));
        assertThat(policy).startsWith("# gait init starter policy\n").contains("# detected_frameworks: langchain\n")
                .contains("#   - id: starter.block.destructive\n").contains("schema_id: gait.gate.policy");
        ProjectConfig config = ProjectConfig.load(dir.resolve(".gait/config.yaml"));
        assertThat(config.gate().policy()).isEqualTo(".gait.yaml");
        assertThat(config.gate().profile()).isEqualTo("standard");
        assertThat(config.retention().traceTtl()).isEqualTo("168h");
        assertThat(cli().run("policy", "validate", ".gait.yaml").exitCode()).isZero();
    }

    @Test
    void gate_eval_takes_its_policy_from_the_defaults_init_wrote() throws Exception {
        assertThat(cli().run("init").exitCode()).isZero();
        Files.writeString(dir.resolve("intent.json"), """
                {"schema_id":"gait.gate.intent_request","schema_version":"1.0.0","created_at":"2026-01-01T00:00:00Z",
                 "producer_version":"test","tool_name":"tool.delete","args":{"path":"/tmp/x"},
                 "targets":[{"kind":"path","value":"/tmp/x","operation":"delete"}],
                 "context":{"identity":"alice","workspace":"/repo","risk_class":"high"}}
                """);
        CliRunner.Result eval = cli().run("gate", "eval", "--intent", "intent.json", "--json");
        assertThat(eval.exitCode()).as(eval.stdout()).isEqualTo(3);
        assertThat(eval.json().string("verdict")).contains("block");
    }

    @Test
    void init_keeps_existing_files_unless_forced_and_writes_nothing_when_it_cannot_write_everything() throws Exception {
        Files.createDirectories(dir.resolve(".gait"));
        Files.writeString(dir.resolve(".gait/config.yaml"), "gate:\n  profile: standard\n");

        CliRunner.Result refused = cli().run("init", "--json");
        assertThat(refused.exitCode()).isEqualTo(6);
        assertThat(refused.json().string("error").orElseThrow()).contains("output path already exists (use --force to overwrite): .gait/config.yaml");
        assertThat(dir.resolve(".gait.yaml")).doesNotExist();
        assertThat(Files.readString(dir.resolve(".gait/config.yaml"))).isEqualTo("gate:\n  profile: standard\n");

        assertThat(cli().run("init", "--force", "--template", "low", "--retention", "short").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve(".gait.yaml"))).contains("default_verdict: allow");
        assertThat(ProjectConfig.load(dir.resolve(".gait/config.yaml")).retention().traceTtl()).isEqualTo("24h");
        assertThat(cli().run("init", "--template", "trust-readonly", "--force").exitCode()).isEqualTo(6);
    }

    @Test
    void init_config_only_writes_defaults_for_an_existing_policy() throws Exception {
        assertThat(cli().run("init", "--config-only").exitCode()).isEqualTo(6); // no policy yet
        assertThat(cli().run("policy", "init", "baseline-mediumrisk", "--out", "policy.yaml").exitCode()).isZero();
        String before = Files.readString(dir.resolve("policy.yaml"));

        CliRunner.Result result = cli().run("init", "--config-only", "--out", "policy.yaml", "--profile", "oss-prod", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(strings(result.json(), "written_paths")).containsExactly(".gait/config.yaml");
        assertThat(Files.readString(dir.resolve("policy.yaml"))).isEqualTo(before);
        ProjectConfig config = ProjectConfig.load(dir.resolve(".gait/config.yaml"));
        assertThat(config.gate().policy()).isEqualTo("policy.yaml");
        assertThat(config.gate().keyMode()).isEqualTo("prod");
        assertThat(config.gate().get("private_key_env")).isEqualTo("GAIT_PRIVATE_KEY");
    }

    @Test
    void check_validates_the_setup_and_reports_findings_against_the_repository() throws Exception {
        assertThat(cli().run("init").exitCode()).isZero();

        CliRunner.Result result = cli().run("check", "--json");

        assertThat(result.exitCode()).isZero();
        JsonObject json = result.json();
        assertThat(json.string("policy_path")).contains(".gait.yaml");
        assertThat(json.string("default_verdict")).contains("block");
        assertThat(objects(json, "findings")).extracting(finding -> finding.string("code").orElseThrow())
                .containsExactly("repo.tool_inventory_name_mismatch", "repo.generated_rules_available");
        assertThat(json.string("summary").orElseThrow()).matches("policy ok: default_verdict=block rules=\\d+ findings=2 gap_warnings=2");
        assertThat(json.string("config_path")).contains(".gait/config.yaml");
        assertThat(cli().run("check").stdout()).contains("- repo.tool_inventory_name_mismatch: ");
    }

    @Test
    void check_reports_a_policy_an_oss_prod_profile_would_refuse() throws Exception {
        assertThat(cli().run("init", "--profile", "oss-prod").exitCode()).isZero();

        JsonObject json = cli().run("check", "--json").json();

        JsonObject finding = objects(json, "findings").stream()
                .filter(f -> f.string("code").orElseThrow().equals("config.oss_prod_policy_rejected")).findFirst().orElseThrow();
        assertThat(strings(finding, "evidence")).anyMatch(problem -> problem.contains("rule allow-delegated-egress-write"));
    }

    @Test
    void an_invalid_policy_or_configuration_is_exit_6() throws Exception {
        Files.writeString(dir.resolve("legacy.yaml"), "version: 1\nname: old\ndefault_verdict: block\n");
        CliRunner.Result legacy = cli().run("check", "legacy.yaml", "--json");
        assertThat(legacy.exitCode()).isEqualTo(6);
        assertThat(legacy.json().string("error").orElseThrow()).contains("legacy policy proposal fields are not supported");
        assertThat(cli().run("check", "--json").json().string("error").orElseThrow()).contains(".gait.yaml");

        assertThat(cli().run("init").exitCode()).isZero();
        Files.writeString(dir.resolve(".gait/config.yaml"), "retention:\n  trace_ttl: forever\n");
        CliRunner.Result badConfig = cli().run("check", "--json");
        assertThat(badConfig.exitCode()).isEqualTo(6);
        assertThat(badConfig.json().string("error").orElseThrow()).contains("retention.trace_ttl");
    }

    private static List<String> strings(JsonObject json, String key) {
        return json.array(key).orElseThrow().elements().stream().map(value -> ((JsonString) value).value()).toList();
    }

    private static List<JsonObject> objects(JsonObject json, String key) {
        return json.array(key).orElseThrow().elements().stream().map(JsonObject.class::cast).toList();
    }
}
