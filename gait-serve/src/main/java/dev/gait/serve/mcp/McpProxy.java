package dev.gait.serve.mcp;

import dev.gait.core.sign.KeySource;
import dev.gait.serve.Decider;
import dev.gait.serve.SidecarMetrics;
import dev.gait.serve.state.LiveState;
import dev.gait.serve.trace.TraceFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The gate side of {@code gait mcp proxy}: the sidecar's live decision state (policy, key and
 * kill switch reload when their files change) and one signed trace file per decided tool call.
 */
public final class McpProxy {

    /**
     * @param killSwitch the kill-switch state file, or null for none
     * @param traceDir where one signed trace file per decided call goes
     * @param packDir where a signed runpack per decided call goes, or null for none
     * @param correlationId the {@code correlation_id} of every decision of this process
     */
    public record Options(Path policy, KeySource key, Path killSwitch, Path traceDir, Path packDir, Path rateLimitState, CallContext context,
                          String correlationId) {}

    /** How long a changed policy, key or kill-switch file must stay unchanged before it is read. */
    private static final Duration SETTLE = Duration.ofMillis(100);

    private McpProxy() {}

    /** Loads the policy, key and kill-switch state (a file that does not load fails the start); reloads are logged. */
    public static CallGate gate(Options options, PrintStream log) {
        LiveState state = new LiveState(options.policy(), options.key(), options.killSwitch(), SETTLE,
                LiveState.Listener.logging(log, "gait mcp", (kind, ok) -> { }));
        // MCP clients present no approval tokens; a require_approval decision's audit record goes beside its trace
        Decider decider = new Decider(state, new TraceFiles(options.traceDir()), Decider.TokenKeys.SIGNING_KEY, options.traceDir(),
                options.rateLimitState(), options.correlationId(),
                Clock.systemUTC(), new SidecarMetrics());
        CallPacks packs = options.packDir() == null ? null : new CallPacks(options.packDir(), () -> state.current().signer(), Clock.systemUTC());
        return new CallGate(decider, options.context(), packs, log);
    }
}
