package dev.gait.core.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.gate.policy.Policy;
import dev.gait.core.gate.policy.PolicyTemplates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repository detection as v1's scout does it, and the signals, starter rules and findings read from it. */
class RepoSignalsTest {

    @TempDir
    Path dir;

    @Test
    void detects_langchain_and_openai_agents_tools_and_skips_dependency_folders() throws Exception {
        Files.writeString(dir.resolve("lc.py"), "@tool\nasync def write_file(p):\n    pass\n\ndef _helper():\n    pass\n");
        Files.writeString(dir.resolve("bare_tool.py"), "search = Tool(name='x')\n");
        Files.createDirectories(dir.resolve("agents"));
        Files.writeString(dir.resolve("agents/oa.py"), "from agents import function_tool\n@function_tool(name_override='n')\n"
                + "def charge_card():\n    pass\nt = FunctionTool(tool_name=\"payments.refund\")\n");
        Files.writeString(dir.resolve("plain.py"), "def delete_all():\n    pass\n");
        Files.createDirectories(dir.resolve(".git/hooks"));
        Files.writeString(dir.resolve(".git/hooks/x.py"), "@tool\ndef drop_db():\n    pass\n");

        RepoDetection detection = RepoDetection.scan(dir);

        assertThat(detection.frameworks()).containsExactly("langchain", "openai_agents");
        assertThat(detection.toolNames()).containsExactly("_helper", "bare_tool", "charge_card", "payments.refund", "write_file");
    }

    @Test
    void classifies_candidates_into_signals_starter_rules_and_manual_review() {
        RepoSignals signals = RepoSignals.derive(new RepoDetection(List.of("langchain"),
                List.of("delete_user", "DROP_TABLE", "_private", "stripe_charge", "query_db", "set_flag", "tools.lookup", "weather")));

        assertThat(signals.signals()).extracting(RepoSignal::code)
                .containsExactly("framework.langchain", "tool.destructive", "tool.state_change", "tool.payment", "tool.data_store");
        assertThat(signals.starterRules()).extracting(StarterRule::id, StarterRule::toolNames).containsExactly(
                org.assertj.core.groups.Tuple.tuple("starter.block.destructive", List.of("delete_user")),
                org.assertj.core.groups.Tuple.tuple("starter.require_approval.state_change", List.of("query_db", "set_flag", "stripe_charge")));
        assertThat(signals.unknownSignals()).singleElement().extracting(RepoSignal::evidence).isEqualTo(List.of("tools.lookup"));
    }

    @Test
    void a_repository_without_signals_gets_the_baseline_findings() {
        RepoDetection nothing = new RepoDetection(List.of(), List.of());
        Policy open = Policy.parse("schema_id: gait.gate.policy\nschema_version: 1.0.0\ndefault_verdict: allow\n", "p");

        assertThat(ReadinessFindings.of(open, nothing, RepoSignals.derive(nothing))).extracting(ReadinessFinding::code).containsExactly(
                "policy.no_rules", "policy.default_allow", "policy.no_non_allow_rules", "repo.no_supported_framework_detected",
                "repo.no_high_confidence_signals");
    }

    @Test
    void an_uncovered_inventory_is_reported_with_its_candidates_as_evidence() {
        RepoDetection detection = new RepoDetection(List.of("langchain"), List.of("delete_user"));
        Policy noToolRules = Policy.parse("""
                schema_id: gait.gate.policy
                schema_version: 1.0.0
                default_verdict: block
                rules:
                  - name: approve-high-risk
                    priority: 10
                    effect: require_approval
                    match:
                      risk_classes: [high]
                """, "p");

        assertThat(ReadinessFindings.of(noToolRules, detection, RepoSignals.derive(detection)))
                .filteredOn(finding -> finding.code().equals("repo.tool_inventory_uncovered"))
                .singleElement().extracting(ReadinessFinding::evidence).isEqualTo(List.of("delete_user"));
    }

    @Test
    void the_starter_policy_keeps_the_template_and_comments_out_the_suggestions() {
        RepoDetection detection = new RepoDetection(List.of("langchain"), List.of("delete_user"));
        String template = PolicyTemplates.text("baseline-lowrisk");

        String rendered = StarterPolicy.render(template, detection, RepoSignals.derive(detection), ".gait/config.yaml");

        assertThat(rendered).endsWith(template).contains("#         match.tool_names: [delete_user]\n");
        assertThat(Policy.parse(rendered, "p").digest()).isEqualTo(Policy.parse(template, "t").digest());
    }
}
