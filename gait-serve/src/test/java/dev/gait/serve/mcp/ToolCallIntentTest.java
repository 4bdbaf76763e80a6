package dev.gait.serve.mcp;

import static dev.gait.serve.mcp.ProxyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ToolCallIntentTest {
    private static final JsonObject CONTEXT = new CallContext("alice", "/repo", "low", "", "", "").toJson("claude-code", "s-1");

    @Test
    void url_and_path_arguments_become_targets_with_the_servers_hints() {
        JsonObject intent = ToolCallIntent.map(json("""
                {"name":"fetch","arguments":{"url":"https://example.com/a","out":"./notes/a.md","note":"plain text","file":"b.txt","n":3}}"""),
                json("{\"readOnlyHint\":true,\"destructiveHint\":false,\"title\":\"Fetch\"}"), CONTEXT);
        assertThat(JsonWriter.GO_MAP.write(intent)).isEqualTo("{\"args\":{\"file\":\"b.txt\",\"n\":3,\"note\":\"plain text\","
                + "\"out\":\"./notes/a.md\",\"url\":\"https://example.com/a\"},"
                + "\"context\":{\"agent_id\":\"claude-code\",\"identity\":\"alice\",\"risk_class\":\"low\",\"session_id\":\"s-1\",\"workspace\":\"/repo\"},"
                + "\"schema_id\":\"gait.gate.intent_request\",\"schema_version\":\"1.0.0\","
                + "\"targets\":["
                + "{\"destructive_hint\":false,\"discovery_method\":\"mcp\",\"kind\":\"path\",\"read_only_hint\":true,\"value\":\"b.txt\"},"
                + "{\"destructive_hint\":false,\"discovery_method\":\"mcp\",\"kind\":\"path\",\"read_only_hint\":true,\"value\":\"./notes/a.md\"},"
                + "{\"destructive_hint\":false,\"discovery_method\":\"mcp\",\"kind\":\"url\",\"read_only_hint\":true,\"value\":\"https://example.com/a\"}],"
                + "\"tool_name\":\"fetch\"}");
    }

    @Test
    void a_call_without_url_or_path_arguments_targets_the_tool_itself() {
        JsonObject intent = ToolCallIntent.map(json("{\"name\":\"delete_note\",\"arguments\":{\"id\":\"n1\"}}"),
                json("{\"destructiveHint\":true}"), CONTEXT);
        assertThat(JsonWriter.GO_MAP.write(intent.get("targets").orElseThrow()))
                .isEqualTo("[{\"destructive_hint\":true,\"discovery_method\":\"mcp\",\"kind\":\"other\",\"value\":\"delete_note\"}]");
    }

    @Test
    void configured_context_wins_over_the_client_name_and_defaults_fill_the_required_fields() {
        assertThat(JsonWriter.GO_MAP.write(new CallContext("", "", "", "agent-7", "", "prod").toJson("claude-code", "")))
                .isEqualTo("{\"agent_id\":\"agent-7\",\"environment\":\"prod\",\"identity\":\"mcp-proxy\",\"risk_class\":\"high\",\"workspace\":\".\"}");
    }

    @Test
    void a_call_without_a_tool_name_or_with_non_object_arguments_is_invalid() {
        assertThatThrownBy(() -> ToolCallIntent.map(json("{\"arguments\":{}}"), JsonObject.EMPTY, CONTEXT))
                .isInstanceOf(ToolCallIntent.InvalidCall.class).hasMessageContaining("params.name");
        assertThatThrownBy(() -> ToolCallIntent.map(json("{\"name\":\"x\",\"arguments\":[1]}"), JsonObject.EMPTY, CONTEXT))
                .isInstanceOf(ToolCallIntent.InvalidCall.class).hasMessageContaining("arguments must be an object");
    }
}
