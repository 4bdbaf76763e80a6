package dev.gait.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.GaitException;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.gate.policy.PolicyRule;
import dev.gait.testkit.GaitReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParsingTest {

    static String template(String name) {
        try (InputStream in = Policy.class.getResourceAsStream("/dev/gait/core/gate/templates/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'default_verdict: require_approval', 07a528a879e4f0e0cd5a0e2ca801924746b47dac624862207ef21d4ec266f8f9",
        "'default_verdict: allow', 65819d9c",
        "'default_verdict: block', 3592f5ae",
        "'{}', 07a528a879e4f0e0cd5a0e2ca801924746b47dac624862207ef21d4ec266f8f9",
        "'default_action: REQUIRE_APPROVAL', 07a528a879e4f0e0cd5a0e2ca801924746b47dac624862207ef21d4ec266f8f9"
    })
    void reproduces_gait_v1_policy_digests(String yaml, String digestPrefix) {
        assertThat(Policy.parse(yaml, "p.yaml").digest()).startsWith(digestPrefix);
    }

    @Test
    void reproduces_the_digest_of_the_approval_scenario_policy_and_baseline_lowrisk() {
        assertThat(Policy.parse(GaitReference.text("scenarios/approval-token-valid/policy.yaml"), "p.yaml").digest())
                .isEqualTo("07a528a879e4f0e0cd5a0e2ca801924746b47dac624862207ef21d4ec266f8f9");
        assertThat(Policy.parse(template("baseline-lowrisk"), "baseline-lowrisk.yaml").digest())
                .isEqualTo("aa9e4371c827fc38f26c95588061b8376f20ef6524917ebab69bcc41aa3ed5c9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline-lowrisk", "baseline-mediumrisk", "baseline-highrisk", "trust-approval-write",
        "trust-block-destructive", "trust-brokered-write", "trust-dryrun", "trust-observe", "trust-readonly"})
    void every_embedded_template_parses(String name) {
        Policy policy = Policy.parse(template(name), name + ".yaml");
        assertThat(policy.digest()).hasSize(64);
        assertThat(policy.rules()).isSortedAccordingTo((a, b) -> Long.compare(a.priority(), b.priority()));
    }

    @Test
    void rules_sort_by_priority_then_name_and_normalise_their_lists() {
        Policy policy = Policy.parse("""
                rules:
                  - name: b
                    priority: 5
                    effect: Allow
                    match: {tool_name: " Tool.X ", tool_names: [tool.y, TOOL.X], identities: [Bob, alice]}
                  - name: a
                    priority: 5
                    action: block
                  - name: Z Rule-1
                    priority: -1
                    effect: require_approval
                    min_approvals: 2
                """, "p.yaml");
        assertThat(policy.rules()).extracting(PolicyRule::name).containsExactly("Z Rule-1", "a", "b");
        PolicyRule b = policy.rules().get(2);
        assertThat(b.effect()).isEqualTo("allow");
        assertThat(b.match().toolNames()).containsExactly("tool.x", "tool.y");
        assertThat(b.match().identities()).containsExactly("Bob", "alice");
        PolicyRule z = policy.rules().get(0);
        assertThat(z.requireDistinctApprovers()).isTrue();
        assertThat(z.emittedReasonCodes()).containsExactly("matched_rule_z_rule_1");
        assertThat(policy.rules().get(1).effectiveMinApprovals()).isZero();
    }

    @Test
    void sections_fill_their_defaults() {
        Policy policy = Policy.parse("""
                fail_closed: {enabled: true}
                rules:
                  - name: r
                    effect: allow
                    endpoint: {destructive_action: require_approval}
                    dataflow: {destination_kinds: [host]}
                    rate_limit: {requests: 5}
                mcp_trust: {snapshot: trust.json, max_age: 24h}
                """, "p.yaml");
        assertThat(policy.failClosed().riskClasses()).containsExactly("critical", "high");
        PolicyRule rule = policy.rules().getFirst();
        assertThat(rule.endpoint().action()).isEqualTo("block");
        assertThat(rule.dataflow().taintedSources()).containsExactly("external", "tool_output");
        assertThat(rule.dataflow().action()).isEqualTo("require_approval");
        assertThat(rule.rateLimit().window()).isEqualTo("minute");
        assertThat(rule.rateLimit().scope()).isEqualTo("tool_identity");
        assertThat(policy.mcpTrust().maxAge()).isEqualTo("24h0m0s");
        assertThat(policy.mcpTrust().action()).isEqualTo("block");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "surprise: 1 | unknown field surprise",
        "rules: [{name: r, effect: allow, match: {tool_namez: [x]}}] | unknown field rules[0].match.tool_namez",
        "version: 1 | legacy policy proposal fields are not supported [version]",
        "default_verdict: maybe | invalid default_verdict: maybe",
        "default_verdict: allow\\ndefault_action: block | default_action must match default_verdict",
        "rules: [{name: r, effect: allow, action: block}] | rule action must match effect for r",
        "rules: [{name: r, effect: permit}] | invalid rule effect \"permit\" for r",
        "rules: [{name: r}] | rule effect is required for r",
        "rules: [{effect: allow}] | rules[0].name is required",
        "rules: [{name: r, effect: allow, match: {endpoint_class: [net.invalid]}}] | unsupported match endpoint_class \"net.invalid\" for r",
        "rules: [{name: r, effect: allow, match: {tool_names: tool.x}}] | must be a list of strings",
        "rules: [{name: r, effect: allow, priority: high}] | must be an integer",
        "rules: [{name: r, effect: allow, endpoint: {egress_classes: [fs.read]}}] | is not a net.* class",
        "rules: [{name: r, effect: allow, destructive_budget: {window: hour}}] | must be at least 1",
        "rules: [{name: r, effect: allow, freeze_window: {timezone: UTC}}] | needs a timezone and at least one window",
        "mcp_trust: {min_score: 0.5} | mcp_trust.snapshot is required",
        "schema_id: other | unsupported policy schema_id other"
    })
    void invalid_policies_are_invalid_input(String yaml, String message) {
        assertThatThrownBy(() -> Policy.parse(yaml.replace("\\n", "\n"), "policy.yaml"))
                .isInstanceOf(GaitException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"baseline-lowrisk", "baseline-mediumrisk", "baseline-highrisk", "trust-approval-write",
        "trust-block-destructive", "trust-brokered-write", "trust-dryrun", "trust-observe", "trust-readonly"})
    void formatting_round_trips_to_the_same_digest(String name) {
        Policy policy = Policy.parse(template(name), name);
        String formatted = dev.gait.core.gate.policy.PolicyYaml.format(policy);
        Policy reparsed = Policy.parse(formatted, name);
        assertThat(reparsed.digest()).isEqualTo(policy.digest());
        assertThat(dev.gait.core.gate.policy.PolicyYaml.format(reparsed)).as("formatting is idempotent").isEqualTo(formatted);
    }

    @Test
    void formatting_round_trips_every_section() {
        Policy policy = Policy.parse("""
                default_verdict: block
                fail_closed: {enabled: true, required_fields: [targets], required_high_risk_fields: [agent_id]}
                scripts: {max_steps: 5, require_approval_above: 2, block_mixed_risk: true}
                mcp_trust: {snapshot: s.json, min_score: 0.5, max_age: 90m, publisher_allowlist: [Acme]}
                rules:
                  - name: everything
                    priority: -3
                    effect: require_approval
                    min_approvals: 2
                    match: {tool_name: x, endpoint_class: [net.http], tool_annotations: {readOnlyHint: false}, max_delegation_depth: 0}
                    endpoint: {path_denylist: ["/etc/**"], destructive_action: require_approval}
                    dataflow: {enabled: true}
                    freeze_window: {timezone: UTC, windows: [{start: "2026-01-01T00:00:00", end: "2026-01-02T00:00:00"}]}
                    sandbox: {allowed_writable_path_prefixes: [/tmp/../tmp], max_timeout_seconds: 9}
                    rate_limit: {requests: 2, window: hour}
                    destructive_budget: {requests: 1}
                """, "p.yaml");
        Policy reparsed = Policy.parse(dev.gait.core.gate.policy.PolicyYaml.format(policy), "p.yaml");
        assertThat(reparsed.digest()).isEqualTo(policy.digest());
        assertThat(reparsed).isEqualTo(policy);
    }
}
