package dev.gait.core.gate.broker;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import java.util.List;

/**
 * What a credential broker is asked for: a credential for one tool call by one identity, bound to
 * the call's targets. {@link #goJson()} is the form Gait v1 digests and hands to command brokers
 * (Go field names).
 */
public record BrokerRequest(String toolName, String identity, String workspace, String sessionId, String requestId, String runId,
                            String jobId, String reference, List<String> scope, String targetBinding) {

    public BrokerRequest {
        scope = List.copyOf(scope);
    }

    public JsonObject goJson() {
        return JsonObject.builder()
                .put("ToolName", toolName).put("Identity", identity).put("Workspace", workspace).put("SessionID", sessionId)
                .put("RequestID", requestId).put("RunID", runId).put("JobID", jobId).put("Reference", reference)
                .putStrings("Scope", scope).put("TargetBinding", targetBinding)
                .build();
    }

    public String digest() {
        return Digests.jcsHex(goJson());
    }
}
