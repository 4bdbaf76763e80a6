package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Differential replay: one run, several labelled variants, the first divergence and the input that causes it. */
class RunDiffReplayTest {

    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.systemUTC());
    }

    private static final String CALLS = """
            [{"tool_name":"tool.search","args":{"q":"release notes"}},
             {"tool_name":"tool.write","args":{"path":"/repo/notes.md","content":"v2"}},
             {"tool_name":"tool.fetch","args":{"url":"https://example.test/a"}}]""";

    /** The second model fetches another URL at step 3. */
    private static final String CALLS_M2 = CALLS.replace("https://example.test/a", "https://example.test/b");

    private static final String POLICY = """
            default_verdict: block
            rules:
              - name: agent-tools
                effect: allow
                match:
                  tool_names: [tool.search, tool.write, tool.fetch]
            """;

    @BeforeEach
    void run() throws Exception {
        Files.writeString(dir.resolve("run.json"), """
                {"run":{"run_id":"run_agent","created_at":"2026-11-01T00:00:00Z"},
                 "intents":[{"intent_id":"intent_1","tool_name":"tool.search","args":{"q":"release notes"}},
                            {"intent_id":"intent_2","tool_name":"tool.write","args":{"path":"/repo/notes.md","content":"v2"}},
                            {"intent_id":"intent_3","tool_name":"tool.fetch","args":{"url":"https://example.test/a"}}],
                 "results":[{"intent_id":"intent_1","status":"ok","result":{"hits":3}},
                            {"intent_id":"intent_2","status":"ok","result":{"written":true}},
                            {"intent_id":"intent_3","status":"ok","result":{"body":"a"}}]}
                """);
        assertThat(cli().run("run", "record", "--input", "run.json", "--capture-mode", "raw").exitCode()).isZero();
        Files.writeString(dir.resolve("p1.yaml"), POLICY);
        // the injected policy change: writes now need a block
        Files.writeString(dir.resolve("p2.yaml"), POLICY.replace("tool.search, tool.write, tool.fetch", "tool.search, tool.fetch"));
        Files.writeString(dir.resolve("m1.json"), CALLS);
        Files.writeString(dir.resolve("m2.json"), CALLS_M2);
        variant("a", "m-2026-10", "p-7", "m1.json", "p1.yaml", "");
        variant("b", "m-2026-10", "p-7", "m1.json", "p2.yaml", "");
        variant("c", "m-2026-11", "p-7", "m2.json", "p1.yaml", "");
        variant("d", "m-2026-11", "p-7", "m2.json", "p2.yaml", "");
        variant("e", "m-2026-10", "p-8", "m1.json", "p1.yaml", "");
        variant("f", "m-2026-10", "p-7", "m1.json", "p1.yaml",
                ",\"tool_outputs\":{\"tool.fetch\":{\"status\":\"error\",\"result\":{\"error\":\"timeout\"}}}");
    }

    private void variant(String label, String model, String prompt, String outputs, String policy, String extra) throws Exception {
        Files.writeString(dir.resolve(label + ".json"), """
                {"model_version":"%s","prompt_version":"%s","model_outputs":"%s","policy":"%s",
                 "context":{"identity":"agent.ci","workspace":"/repo","risk_class":"medium"}%s}
                """.formatted(model, prompt, outputs, policy, extra));
    }

    private Map<String, JsonObject> comparisons(CliRunner.Result result) {
        return result.json().object("report").orElseThrow().array("comparisons").orElseThrow().elements().stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(c -> c.string("variant").orElseThrow(), c -> c));
    }

    @Test
    void the_injected_change_is_named_as_the_cause_of_the_first_divergence() throws Exception {
        CliRunner.Result result = cli().run("run", "diffreplay", "run_agent", "--variants", "a=a.json,b=b.json,c=c.json,d=d.json,e=e.json,f=f.json",
                "--output", "report.json", "--json");
        assertThat(result.exitCode()).as(result.stdout()).isEqualTo(2);
        Map<String, JsonObject> byVariant = comparisons(result);

        JsonObject policyChange = byVariant.get("b");
        assertThat(Jcs.canonicalString(policyChange)).contains("\"kind\":\"verdict\"", "\"index\":2", "\"attribution\":\"counterfactual\"",
                "\"attributed_to\":[\"policy\"]", "\"differing_inputs\":[\"policy\"]");

        JsonObject modelChange = byVariant.get("c");
        assertThat(Jcs.canonicalString(modelChange)).contains("\"attributed_to\":[\"model\"]", "\"model_changes\":[\"model_version\",\"model_outputs\"]",
                "\"kind\":\"call_removed\"", "\"index\":3");

        // both changed: the policy departs first (step 2), so the policy is the cause; the model change alone departs later
        assertThat(Jcs.canonicalString(byVariant.get("d"))).contains("\"differing_inputs\":[\"model\",\"policy\"]",
                "\"attributed_to\":[\"policy\"]", "\"index\":2");

        assertThat(Jcs.canonicalString(byVariant.get("e"))).contains("\"diverged\":false", "\"model_changes\":[\"prompt_version\"]")
                .doesNotContain("attributed_to");
        assertThat(Jcs.canonicalString(byVariant.get("f"))).contains("\"kind\":\"result\"", "\"attributed_to\":[\"tool_executors\"]");

        CliRunner.Result text = cli().run("run", "diffreplay", "run_agent", "--variants", "a=a.json,b=b.json");
        assertThat(text.stdout()).contains("b vs a: first divergence at step 2 (verdict: allow -> block); cause: policy");

        byte[] first = Files.readAllBytes(dir.resolve("report.json"));
        cli().run("run", "diffreplay", "run_agent", "--variants", "a=a.json,b=b.json,c=c.json,d=d.json,e=e.json,f=f.json",
                "--output", "report.json");
        assertThat(Files.readAllBytes(dir.resolve("report.json"))).as("deterministic").isEqualTo(first);
    }

    @Test
    void identical_variants_do_not_diverge_and_bad_variants_are_refused() throws Exception {
        CliRunner.Result same = cli().run("run", "diffreplay", "run_agent", "--variants", "a=a.json,again=a.json", "--json");
        assertThat(same.exitCode()).isZero();
        assertThat(Jcs.canonicalString(comparisons(same).get("again"))).contains("\"diverged\":false", "\"differing_inputs\":[]");

        assertThat(cli().run("run", "diffreplay", "run_agent", "--variants", "a=a.json").exitCode()).isEqualTo(6);
        Files.writeString(dir.resolve("typo.json"), "{\"polcy\":\"p1.yaml\"}");
        CliRunner.Result typo = cli().run("run", "diffreplay", "run_agent", "--variants", "a=a.json,t=typo.json", "--json");
        assertThat(typo.exitCode()).isEqualTo(6);
        assertThat(typo.json().string("error").orElseThrow()).contains("unknown member polcy");
        Files.writeString(dir.resolve("nocontext.json"), "{\"policy\":\"p1.yaml\"}");
        CliRunner.Result noContext = cli().run("run", "diffreplay", "run_agent", "--variants", "a=a.json,n=nocontext.json", "--json");
        assertThat(noContext.exitCode()).isEqualTo(6);
        assertThat(noContext.json().string("error").orElseThrow()).contains("context");
    }
}
