package dev.gait.serve.mcp;

import dev.gait.core.json.JsonObject;

/**
 * The gate context every tool call through the proxy carries, from the proxy's flags. A blank
 * field is left out of the intent, except the three the intent requires, which default as v1's
 * standard MCP profile defaults them.
 */
public record CallContext(String identity, String workspace, String riskClass, String agentId, String sessionId, String environment) {

    public static final String DEFAULT_IDENTITY = "mcp-proxy";
    public static final String DEFAULT_WORKSPACE = ".";
    public static final String DEFAULT_RISK_CLASS = "high";

    public CallContext {
        identity = orDefault(identity, DEFAULT_IDENTITY);
        workspace = orDefault(workspace, DEFAULT_WORKSPACE);
        riskClass = orDefault(riskClass, DEFAULT_RISK_CLASS);
    }

    /**
     * The intent's context; the MCP client's name stands in for {@code agent_id} when no agent id
     * was configured, and {@code sessionId} (the MCP session) when none was.
     */
    JsonObject toJson(String clientName, String mcpSessionId) {
        return JsonObject.builder()
                .put("identity", identity)
                .put("workspace", workspace)
                .put("risk_class", riskClass)
                .putOmitEmpty("agent_id", agentId.isBlank() ? clientName : agentId)
                .putOmitEmpty("session_id", sessionId.isBlank() ? mcpSessionId : sessionId)
                .putOmitEmpty("environment", environment)
                .build();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
