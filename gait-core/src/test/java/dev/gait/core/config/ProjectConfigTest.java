package dev.gait.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.GaitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code .gait/config.yaml}: every section read strictly, values trimmed, and the templates init writes read back. */
class ProjectConfigTest {

    @Test
    void reads_every_section_with_trimmed_values() {
        ProjectConfig config = ProjectConfig.parse("""
                gate:
                  policy: "  .gait.yaml "
                  profile: oss-prod
                  key_mode: prod
                  private_key_env: GAIT_PRIVATE_KEY
                  credential_broker: env
                  kill_switch_state: .gait-out/kill.json
                mcp_serve:
                  enabled: true
                  listen: "[::1]:8787"
                  auth_mode: TOKEN
                  auth_token_env: GAIT_TOKEN
                  max_request_bytes: 1048576
                  http_verdict_status: Strict
                  allow_client_artifact_paths: false
                retention:
                  trace_ttl: 168h
                  session_ttl: 336h
                  export_ttl: 1h30m
                """, "config.yaml");

        assertThat(config.gate().policy()).isEqualTo(".gait.yaml");
        assertThat(config.gate().profile()).isEqualTo("oss-prod");
        assertThat(config.gate().get("kill_switch_state")).isEqualTo(".gait-out/kill.json");
        assertThat(config.gate().get("trace_path")).isEmpty();
        assertThat(config.gate().brokerConfigured()).isTrue();
        assertThat(config.mcpServe()).isEqualTo(new McpServeSettings(true, "[::1]:8787", "token", "GAIT_TOKEN", 1048576, "strict", false));
        assertThat(config.retention()).isEqualTo(new RetentionSettings("168h", "336h", "1h30m"));
        assertThat(config.retention().complete()).isTrue();
    }

    @Test
    void an_empty_or_comment_only_file_is_an_empty_configuration() {
        assertThat(ProjectConfig.parse("", "c")).isEqualTo(ProjectConfig.EMPTY);
        assertThat(ProjectConfig.parse("# nothing yet\n", "c")).isEqualTo(ProjectConfig.EMPTY);
        assertThat(ProjectConfig.parse("gate:\n", "c").gate()).isEqualTo(GateDefaults.EMPTY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gaet: {}|unknown field gaet",
        "gate: {polcy: p.yaml}|unknown field gate.polcy",
        "mcp_serve: {port: 8787}|unknown field mcp_serve.port",
        "retention: {trace: 1h}|unknown field retention.trace",
        "gate: {profile: production}|gate.profile must be one of standard, oss-prod (got \"production\")",
        "gate: {key_mode: hsm}|gate.key_mode must be one of dev, prod",
        "gate: {credential_broker: vault}|gate.credential_broker must be one of off, stub, env, command",
        "gate: {policy: [a, b]}|gate.policy must be a string",
        "mcp_serve: {enabled: yes please}|mcp_serve.enabled must be true or false",
        "mcp_serve: {max_request_bytes: -1}|mcp_serve.max_request_bytes must not be negative",
        "mcp_serve: {listen: localhost}|mcp_serve.listen must be host:port",
        "mcp_serve: {http_verdict_status: loose}|mcp_serve.http_verdict_status must be compat or strict",
        "retention: {trace_ttl: forever}|retention.trace_ttl: invalid duration",
        "retention: {session_ttl: 0s}|retention.session_ttl must be a positive duration",
        "[1, 2]|must be a YAML mapping",
    })
    void anything_the_configuration_does_not_define_is_an_error_naming_the_key(String yaml, String message) {
        assertThatThrownBy(() -> ProjectConfig.parse(yaml, "config.yaml"))
                .isInstanceOf(GaitException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @EnumSource(RetentionProfile.class)
    void the_templates_init_writes_read_back_as_written(RetentionProfile retention) {
        for (String profile : GateDefaults.PROFILES) {
            ProjectConfig config = ProjectConfig.parse(ConfigTemplate.render("policies/my \"team\" policy.yaml", profile, retention), "t");
            assertThat(config.gate().policy()).isEqualTo("policies/my \"team\" policy.yaml");
            assertThat(config.gate().profile()).isEqualTo(profile);
            assertThat(config.gate().keyMode()).isEqualTo(profile.equals("oss-prod") ? "prod" : "dev");
            assertThat(config.retention()).isEqualTo(retention.settings());
        }
    }

    @Test
    void retention_profiles_are_v1s() {
        assertThat(RetentionProfile.parse("Short").settings()).isEqualTo(new RetentionSettings("24h", "72h", "24h"));
        assertThat(RetentionProfile.MEDIUM.settings()).isEqualTo(new RetentionSettings("168h", "336h", "168h"));
        assertThat(RetentionProfile.LONG.settings()).isEqualTo(new RetentionSettings("720h", "1440h", "720h"));
        assertThatThrownBy(() -> RetentionProfile.parse("forever")).hasMessageContaining("profiles: short, medium, long");
    }
}
