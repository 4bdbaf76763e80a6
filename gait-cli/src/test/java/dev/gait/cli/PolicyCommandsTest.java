package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.testkit.GaitSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyCommandsTest {

    @TempDir
    Path dir;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.systemUTC());
        for (String[] intent : new String[][] {{"read", "tool.read", "read"}, {"write", "tool.write", "write"}, {"delete", "tool.delete", "delete"}}) {
            Files.writeString(dir.resolve(intent[0] + ".json"), "{\"tool_name\":\"" + intent[1] + "\",\"args\":{\"path\":\"/tmp/x\"},"
                    + "\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/x\",\"operation\":\"" + intent[2] + "\"}],"
                    + "\"arg_provenance\":[{\"arg_path\":\"$.path\",\"source\":\"user\"}],"
                    + "\"context\":{\"identity\":\"alice\",\"workspace\":\"/repo\",\"risk_class\":\"low\"}}");
        }
    }

    @ParameterizedTest(name = "{0}: read={1} write={2} delete={3}")
    @CsvSource({
        "baseline-lowrisk, allow, require_approval, block",
        "baseline-mediumrisk, allow, require_approval, block",
        "baseline-highrisk, allow, block, block",
        "trust-observe, allow, allow, block",
        "trust-dryrun, allow, dry_run, block",
        "trust-readonly, allow, block, block",
        "trust-approval-write, allow, require_approval, block",
        "trust-brokered-write, allow, block, block",
        "trust-block-destructive, allow, block, block"
    })
    void every_template_decides_read_write_and_delete_as_it_implies(String template, String read, String write, String delete) {
        assertThat(cli.run("policy", "init", template, "--out", template + ".yaml").exitCode()).isZero();
        assertThat(cli.run("policy", "validate", template + ".yaml").exitCode()).isZero();
        String[][] expectations = {{"read", read}, {"write", write}, {"delete", delete}};
        for (String[] expectation : expectations) {
            CliRunner.Result result = cli.run("policy", "test", template + ".yaml", expectation[0] + ".json", "--json");
            JsonObject json = result.json();
            assertThat(json.string("verdict")).as(template + " " + expectation[0]).contains(expectation[1]);
            int exit = switch (expectation[1]) {
                case "block" -> 3;
                case "require_approval" -> 4;
                default -> 0;
            };
            assertThat(result.exitCode()).as(template + " " + expectation[0]).isEqualTo(exit);
            GaitSchemas.assertValid("policytest/policy_test_result",
                    dev.gait.core.canon.Jcs.canonicalString(json.without("ok").without("correlation_id").without("summary")));
        }
    }

    @Test
    void init_refuses_to_overwrite_and_knows_aliases() {
        assertThat(cli.run("policy", "init", "low").exitCode()).isZero();
        assertThat(cli.run("policy", "init", "low").exitCode()).isEqualTo(6);
        assertThat(cli.run("policy", "init", "medium", "--force", "--json").json().string("template")).contains("baseline-mediumrisk");
        assertThat(cli.run("policy", "init", "nonsense").exitCode()).isEqualTo(6);
    }

    @Test
    void validate_prints_the_digest_and_rejects_bad_policies() throws Exception {
        Files.writeString(dir.resolve("empty.yaml"), "default_verdict: require_approval\n");
        assertThat(cli.run("policy", "validate", "empty.yaml", "--json").json().string("policy_digest"))
                .contains("07a528a879e4f0e0cd5a0e2ca801924746b47dac624862207ef21d4ec266f8f9");
        Files.writeString(dir.resolve("legacy.yaml"), "version: 1\nname: old\n");
        CliRunner.Result legacy = cli.run("policy", "validate", "legacy.yaml", "--json");
        assertThat(legacy.exitCode()).isEqualTo(6);
        assertThat(legacy.json().string("error").orElseThrow()).contains("legacy policy proposal fields are not supported [version name]");
    }

    @Test
    void simulate_recommends_a_rollout() throws Exception {
        cli.run("policy", "init", "trust-observe", "--out", "observe.yaml");
        cli.run("policy", "init", "trust-readonly", "--out", "readonly.yaml");
        Files.createDirectories(dir.resolve("fixtures"));
        for (String name : new String[] {"read", "write", "delete"}) {
            Files.copy(dir.resolve(name + ".json"), dir.resolve("fixtures/" + name + ".json"));
        }
        JsonObject tighten = cli.run("policy", "simulate", "--policy", "readonly.yaml", "--baseline", "observe.yaml",
                "--fixtures", "fixtures", "--json").json();
        assertThat(tighten.get("fixtures_total").orElseThrow().toString()).contains("3");
        assertThat(tighten.string("recommendation")).contains("require_approval");
        JsonObject relax = cli.run("policy", "simulate", "--policy", "observe.yaml", "--baseline", "readonly.yaml",
                "--fixtures", "fixtures/write.json", "--json").json();
        assertThat(relax.string("recommendation")).contains("observe");
        JsonObject same = cli.run("policy", "simulate", "--policy", "observe.yaml", "--baseline", "observe.yaml",
                "--fixtures", "fixtures", "--json").json();
        assertThat(same.string("recommendation")).contains("enforce");
        assertThat(cli.run("policy", "simulate", "--policy", "observe.yaml").exitCode()).isEqualTo(6);
    }

    @Test
    void fmt_prints_the_normalised_policy_and_writes_it_on_request() throws Exception {
        Files.writeString(dir.resolve("messy.yaml"), "rules: [{name: b, effect: ALLOW, match: {tool_names: [Tool.B, tool.a]}}, {name: a, effect: block}]\n");
        String before = Files.readString(dir.resolve("messy.yaml"));
        JsonObject json = cli.run("policy", "fmt", "messy.yaml", "--json").json();
        assertThat(json.get("changed").orElseThrow().toString()).contains("TRUE");
        assertThat(Files.readString(dir.resolve("messy.yaml"))).isEqualTo(before);
        String formatted = json.string("formatted").orElseThrow();
        assertThat(formatted).contains("- name: a").contains("tool_names:").contains("- tool.a");
        assertThat(cli.run("policy", "fmt", "messy.yaml", "--write").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("messy.yaml"))).isEqualTo(formatted);
        assertThat(cli.run("policy", "fmt", "messy.yaml", "--json").json().get("changed").orElseThrow().toString()).contains("FALSE");
        assertThat(cli.run("policy", "validate", "messy.yaml", "--json").json().string("policy_digest"))
                .isEqualTo(json.string("policy_digest"));
    }
}
