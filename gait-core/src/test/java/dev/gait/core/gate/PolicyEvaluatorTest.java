package dev.gait.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.testkit.GaitReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyEvaluatorTest {

    private static Decision decide(String policyYaml, String intentJson) {
        return PolicyEvaluator.evaluate(Policy.parse(policyYaml, "policy.yaml"),
                IntentNormalizer.normalize(JsonReader.lenient().readObject(intentJson.getBytes(StandardCharsets.UTF_8))));
    }

    private static String intent(String tool, String targets, String context) {
        return "{\"tool_name\":\"" + tool + "\",\"args\":{},\"targets\":[" + targets + "],\"context\":{\"identity\":\"alice\","
                + "\"workspace\":\"/repo\",\"risk_class\":\"low\"" + context + "}}";
    }

    private static String highRisk(String intentJson) {
        return intentJson.replace("\"risk_class\":\"low\"", "\"risk_class\":\"high\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy-block-destructive", "policy-allow-safe-tools"})
    void shared_scenarios_give_the_expected_verdicts(String scenario) {
        Policy policy = Policy.parse(GaitReference.text("scenarios/" + scenario + "/policy.yaml"), "policy.yaml");
        List<String> intents = GaitReference.text("scenarios/" + scenario + "/intents.jsonl").lines().filter(l -> !l.isBlank()).toList();
        List<String> expected = GaitReference.text("scenarios/" + scenario + "/expected-verdicts.jsonl").lines().filter(l -> !l.isBlank()).toList();
        assertThat(intents).hasSameSizeAs(expected);
        for (int i = 0; i < intents.size(); i++) {
            JsonObject want = JsonReader.strict().readObject(expected.get(i).getBytes(StandardCharsets.UTF_8));
            Decision decision = PolicyEvaluator.evaluate(policy,
                    IntentNormalizer.normalize(JsonReader.lenient().readObject(intents.get(i).getBytes(StandardCharsets.UTF_8))));
            assertThat(decision.verdict().wire()).as("intent %d", i + 1).isEqualTo(want.string("verdict").orElseThrow());
            assertThat(decision.verdict().exitCode().code()).isEqualTo((int) RuleMatcher.number(want, "exit_code"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"script-threshold-approval-determinism", "script-max-steps-exceeded"})
    void shared_script_scenarios_roll_up_steps(String scenario) {
        Policy policy = Policy.parse(GaitReference.text("scenarios/" + scenario + "/policy.yaml"), "policy.yaml");
        Decision decision = PolicyEvaluator.evaluate(policy, IntentNormalizer.normalize(
                JsonReader.lenient().readObject(GaitReference.bytes("scenarios/" + scenario + "/intent.json"))));
        String expected = GaitReference.text("scenarios/" + scenario + "/expected.yaml");
        assertThat(expected).contains("verdict: " + decision.verdict().wire());
        assertThat(expected).contains("composite_risk_class: " + decision.compositeRiskClass());
        assertThat(expected).contains("step_verdict_count: " + decision.stepVerdicts().size());
        String mustInclude = expected.substring(expected.indexOf("reason_codes_must_include:")).lines().skip(1).findFirst()
                .orElseThrow().replace("-", "").strip();
        assertThat(decision.reasonCodes()).contains(mustInclude);
    }

    @Test
    void the_first_matching_priority_decides_and_the_most_restrictive_rule_in_it_wins() {
        String policy = """
                default_verdict: allow
                rules:
                  - {name: low-prio-block, priority: 20, effect: block, match: {tool_names: [tool.read]}}
                  - {name: a-allow, priority: 10, effect: allow, match: {tool_names: [tool.read]}, reason_codes: [ok]}
                  - {name: b-approve, priority: 10, effect: require_approval, match: {risk_classes: [low]}, reason_codes: [ask]}
                """;
        Decision decision = decide(policy, intent("tool.read", "", ""));
        assertThat(decision.verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
        assertThat(decision.reasonCodes()).containsExactly("ask");
        assertThat(decision.matchedRule()).isEqualTo("b-approve");
        assertThat(decision.minApprovals()).isEqualTo(1);

        Decision none = decide(policy.replace("risk_classes: [low]", "risk_classes: [high]"), intent("tool.other", "", ""));
        assertThat(none.verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(none.reasonCodes()).containsExactly("default_allow");
    }

    @Test
    void the_default_verdict_also_escalates_destructive_targets() {
        Decision decision = decide("default_verdict: allow", intent("tool.delete", "{\"kind\":\"path\",\"value\":\"/x\",\"operation\":\"delete\"}", ""));
        assertThat(decision.verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
        assertThat(decision.reasonCodes()).containsExactly("default_allow", "destructive_apply_requires_approval");
        assertThat(decide("default_verdict: allow", intent("tool.read", "{\"kind\":\"path\",\"value\":\"/x\",\"operation\":\"read\"}", ""))
                .verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void dataflow_only_tightens_a_rule_never_relaxes_it() {
        String tainted = "{\"tool_name\":\"http.post\",\"args\":{},\"targets\":[{\"kind\":\"host\",\"value\":\"api.test\"}],"
                + "\"arg_provenance\":[{\"arg_path\":\"$.body\",\"source\":\"external\"}],"
                + "\"context\":{\"identity\":\"a\",\"workspace\":\"/\",\"risk_class\":\"low\"}}";
        Decision decision = decide("rules: [{name: r, effect: block, dataflow: {enabled: true, action: require_approval}}]", tainted);
        assertThat(decision.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(decision.reasonCodes()).contains("dataflow_tainted_destination");
    }

    @Test
    void destructive_targets_escalate_matched_rules_by_phase() {
        String policy = "rules: [{name: r, effect: allow, match: {tool_names: [tool.delete]}}]";
        String target = "{\"kind\":\"path\",\"value\":\"/x\",\"operation\":\"delete\"}";
        Decision apply = decide(policy, intent("tool.delete", target, ""));
        assertThat(apply.verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
        assertThat(apply.reasonCodes()).contains("destructive_apply_requires_approval", "matched_rule_r");
        Decision plan = decide(policy, intent("tool.delete", target, ",\"phase\":\"plan\""));
        assertThat(plan.verdict()).isEqualTo(Verdict.DRY_RUN);
        assertThat(plan.reasonCodes()).contains("plan_phase_non_destructive");
    }

    @Test
    void endpoint_and_dataflow_constraints() {
        String endpoint = """
                rules:
                  - name: r
                    effect: allow
                    endpoint: {path_allowlist: ["/repo/**"], domain_denylist: ["*.evil.test"]}
                """;
        assertThat(decide(endpoint, intent("fs.write", "{\"kind\":\"path\",\"value\":\"/repo/a/b\",\"operation\":\"write\"}", "")).verdict())
                .isEqualTo(Verdict.ALLOW);
        Decision outside = decide(endpoint, intent("fs.write", "{\"kind\":\"path\",\"value\":\"/etc/passwd\",\"operation\":\"write\"}", ""));
        assertThat(outside.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(outside.reasonCodes()).contains("endpoint_path_not_allowlisted", "endpoint_constraint_violation");
        assertThat(decide(endpoint, intent("http.get", "{\"kind\":\"url\",\"value\":\"https://a.evil.test/x\"}", "")).reasonCodes())
                .contains("endpoint_domain_denied");
        assertThat(decide(endpoint, intent("http.get", "{\"kind\":\"url\",\"value\":\"https://evil.test/x\"}", "")).verdict())
                .as("*.suffix does not cover the apex").isEqualTo(Verdict.ALLOW);

        String dataflow = "rules: [{name: r, effect: allow, dataflow: {enabled: true}}]";
        String tainted = "{\"tool_name\":\"http.post\",\"args\":{},\"targets\":[{\"kind\":\"host\",\"value\":\"api.test\"}],"
                + "\"arg_provenance\":[{\"arg_path\":\"$.body\",\"source\":\"external\"}],"
                + "\"context\":{\"identity\":\"a\",\"workspace\":\"/\",\"risk_class\":\"low\"}}";
        Decision flow = decide(dataflow, tainted);
        assertThat(flow.verdict()).isEqualTo(Verdict.REQUIRE_APPROVAL);
        assertThat(flow.reasonCodes()).contains("dataflow_tainted_destination");
        assertThat(flow.violations()).contains("tainted_dataflow");
    }

    @Test
    void fail_closed_blocks_high_risk_intents_missing_required_evidence() {
        String policy = """
                default_verdict: allow
                fail_closed: {enabled: true, required_fields: [targets, arg_provenance], required_high_risk_fields: [agent_id]}
                """;
        Decision blocked = decide(policy, highRisk(intent("tool.write", "", "")));
        assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(blocked.reasonCodes()).containsExactly("fail_closed_missing_agent_id", "fail_closed_missing_arg_provenance",
                "fail_closed_missing_targets");
        assertThat(decide(policy, intent("tool.write", "", "")).verdict()).as("low risk is not covered").isEqualTo(Verdict.ALLOW);

        String unknownEndpoint = "fail_closed: {enabled: true}\ndefault_verdict: allow";
        Decision unknown = decide(unknownEndpoint, highRisk(intent("tool.x", "{\"kind\":\"repo\",\"value\":\"r\"}", "")));
        assertThat(unknown.reasonCodes()).containsExactly("fail_closed_endpoint_class_unknown");
    }

    @Test
    void context_evidence_requirements_block_without_evidence() {
        Decision decision = decide("rules: [{name: r, effect: allow, require_context_evidence: true, max_context_age_seconds: 60}]",
                intent("tool.read", "", ""));
        assertThat(decision.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(decision.reasonCodes()).contains("context_evidence_missing", "context_set_digest_missing",
                "context_evidence_mode_mismatch", "context_freshness_exceeded");
    }

    @Test
    void freeze_windows_apply_in_their_time_zone_at_the_evaluation_time() {
        String policy = """
                default_verdict: allow
                rules:
                  - name: prod-freeze
                    effect: allow
                    freeze_window: {timezone: America/Toronto, environments: [prod], windows: [{start: "2026-03-10T09:00:00", end: "2026-03-10T17:00:00"}]}
                """;
        Policy parsed = Policy.parse(policy, "p");
        NormalizedIntent prod = IntentNormalizer.normalize(JsonReader.lenient().readObject(
                intent("tool.write", "", ",\"environment\":\"PROD\"").getBytes(StandardCharsets.UTF_8)));
        Decision during = PolicyEvaluator.evaluate(parsed, prod, java.time.Instant.parse("2026-03-10T14:30:00Z"));
        assertThat(during.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(during.reasonCodes()).contains("freeze_window_active_block");
        assertThat(PolicyEvaluator.evaluate(parsed, prod, java.time.Instant.parse("2026-03-10T22:30:00Z")).verdict()).isEqualTo(Verdict.ALLOW);
        NormalizedIntent staging = IntentNormalizer.normalize(JsonReader.lenient().readObject(
                intent("tool.write", "", ",\"environment\":\"staging\"").getBytes(StandardCharsets.UTF_8)));
        assertThat(PolicyEvaluator.evaluate(parsed, staging, java.time.Instant.parse("2026-03-10T14:30:00Z")).verdict()).isEqualTo(Verdict.ALLOW);
        Policy badZone = Policy.parse(policy.replace("America/Toronto", "Mars/Olympus"), "p");
        assertThat(PolicyEvaluator.evaluate(badZone, prod, java.time.Instant.parse("2026-03-10T22:30:00Z")).reasonCodes())
                .contains("freeze_window_invalid_timezone");
    }

    @Test
    void sandbox_requirements_and_the_sandboxed_exec_exemption() {
        String policy = """
                default_verdict: block
                rules:
                  - name: sandboxed-exec
                    effect: allow
                    match: {tool_names: [shell.exec]}
                    sandbox: {allowed_network_modes: [disabled], max_timeout_seconds: 60, allowed_writable_path_prefixes: [/tmp], required_read_only_roots: [/usr]}
                """;
        String exec = "{\"kind\":\"other\",\"value\":\"make\",\"operation\":\"exec\"}";
        Decision missing = decide(policy, intent("shell.exec", exec, ""));
        assertThat(missing.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(missing.reasonCodes()).contains("sandbox_metadata_missing");
        String sandbox = ",\"sandbox\":{\"network_mode\":\"disabled\",\"timeout_seconds\":30,\"writable_paths\":[\"/tmp/build\"],"
                + "\"read_only_roots\":[\"/usr\"],\"evidence_ref\":\"sandbox:run-1\",\"evidence_digest\":\"" + "a".repeat(64) + "\"}";
        Decision valid = decide(policy, intent("shell.exec", exec, sandbox));
        assertThat(valid.verdict()).as("a valid sandbox exempts exec from destructive escalation").isEqualTo(Verdict.ALLOW);
        Decision escaped = decide(policy, intent("shell.exec", exec, sandbox.replace("/tmp/build", "/etc").replace("\"timeout_seconds\":30", "\"timeout_seconds\":300")));
        assertThat(escaped.reasonCodes()).contains("sandbox_writable_path_disallowed", "sandbox_timeout_exceeded");
        assertThat(decide(policy, intent("shell.exec", exec, sandbox.replace("[\"/usr\"]", "[]"))).reasonCodes())
                .contains("sandbox_read_only_root_missing");
    }

    @Test
    void credential_provenance_requires_jit_credentials_within_limits() {
        String policy = """
                default_verdict: allow
                rules:
                  - name: jit-only
                    effect: allow
                    require_jit_credential: true
                    block_standing_credentials: true
                    allowed_credential_sources: [aws_sts]
                    max_credential_ttl_seconds: 900
                """;
        Decision missing = decide(policy, intent("tool.write", "", ""));
        assertThat(missing.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(missing.reasonCodes()).contains("credential_evidence_missing", "credential_source_unknown",
                "credential_access_type_unknown", "standing_credential_disallowed", "credential_source_disallowed");
        String good = ",\"credential_ref\":\"sts:abc\",\"credential_source\":\"aws_sts\",\"credential_access_type\":\"jit\",\"credential_ttl_seconds\":600";
        assertThat(decide(policy, intent("tool.write", "", good)).verdict()).isEqualTo(Verdict.ALLOW);
        Decision longLived = decide(policy, intent("tool.write", "", good.replace("600", "3600")));
        assertThat(longLived.reasonCodes()).containsExactly("credential_ttl_exceeded", "matched_rule_jit_only");
        assertThat(longLived.violations()).containsExactly("credential_ttl_exceeded");
    }

    @Test
    void agent_identity_requirements() {
        String policy = """
                default_verdict: allow
                rules:
                  - {name: declared, effect: allow, require_declared_agent: true, require_unexpired_agent: true, denied_agent_ids: [rogue]}
                """;
        assertThat(decide(policy, intent("tool.read", "", "")).reasonCodes()).contains("agent_unknown", "agent_identity_missing", "agent_expired");
        String agent = ",\"agent_id\":\"bot\",\"agent_identity\":{\"owner\":\"team\",\"expires_at\":\"2999-01-01T00:00:00Z\"}";
        assertThat(decide(policy, intent("tool.read", "", agent)).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(decide(policy, intent("tool.read", "", agent.replace("\"bot\"", "\"rogue\""))).reasonCodes()).contains("agent_revoked");
        assertThat(decide(policy, intent("tool.read", "", agent.replace("2999", "2001"))).reasonCodes()).contains("agent_expired");
    }

    @Test
    void workspace_prefixes_are_segment_aware() {
        String policy = "default_verdict: block\nrules: [{name: r, effect: allow, match: {workspace_prefixes: [/repo]}}]";
        assertThat(decide(policy, intent("tool.read", "", "").replace("\"/repo\"", "\"/repo/app\"")).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(decide(policy, intent("tool.read", "", "").replace("\"/repo\"", "\"/repository\"")).verdict()).isEqualTo(Verdict.BLOCK);
    }
}
