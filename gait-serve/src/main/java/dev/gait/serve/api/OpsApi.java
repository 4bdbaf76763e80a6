package dev.gait.serve.api;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.serve.SidecarMetrics;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.Reply;
import dev.gait.serve.state.StateSource;
import java.util.List;

/**
 * Operations endpoints: {@code /healthz} (the state in force and any file that failed to reload),
 * {@code /readyz} (serving decisions) and {@code /metrics} (Prometheus text format).
 */
public final class OpsApi {
    public static final String HEALTH = "/healthz";
    public static final String READY = "/readyz";
    public static final String METRICS = "/metrics";

    private final StateSource state;
    private final SidecarMetrics metrics;

    public OpsApi(StateSource state, SidecarMetrics metrics) {
        this.state = state;
        this.metrics = metrics;
    }

    /**
     * Always 200 while the process serves: a file that failed to reload leaves the previous state
     * in force, so the sidecar stays up and reports {@code status: degraded} with the errors.
     */
    public Reply health(HttpCall call) {
        state.current();
        List<String> errors = state.errors();
        return Reply.json(200, JsonObject.builder()
                .put("status", errors.isEmpty() ? "ok" : "degraded")
                .put("errors", JsonArray.ofStrings(errors))
                .put("policy_digest", state.policyDigest())
                .put("key_id", state.keyId())
                .build());
    }

    public Reply ready(HttpCall call) {
        return Reply.json(200, JsonObject.builder().put("ready", true).build());
    }

    public Reply metrics(HttpCall call) {
        state.current();
        return Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render(state.policyDigest(), state.keyId()));
    }
}
