package dev.gait.serve;

import dev.gait.core.error.GaitException;
import dev.gait.core.sign.GoKeyText;
import dev.gait.core.sign.LocalSigner;
import dev.gait.serve.api.AuthzenApi;
import dev.gait.serve.api.NativeApi;
import dev.gait.serve.api.OpsApi;
import dev.gait.serve.http.BearerToken;
import dev.gait.serve.http.Gateway;
import dev.gait.serve.http.Hosts;
import dev.gait.serve.http.JettyServer;
import dev.gait.serve.http.RequestRateLimit;
import dev.gait.serve.http.Router;
import dev.gait.serve.fleet.FleetAgent;
import dev.gait.serve.fleet.FleetOptions;
import dev.gait.serve.fleet.FleetState;
import dev.gait.serve.state.LiveState;
import dev.gait.serve.state.StateSource;
import dev.gait.serve.trace.TraceFiles;
import dev.gait.serve.trace.TraceLog;
import dev.gait.serve.trace.TraceSink;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local decision sidecar ({@code gait serve}): the native gate API, the AuthZEN API, health
 * and metrics on Jetty, with request handlers on virtual threads.
 */
public final class Sidecar implements AutoCloseable {
    /** Jetty's default: a connection silent for longer is closed. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final JettyServer server;
    private final TraceSink traces;
    private final ScheduledExecutorService poller;
    private final StateSource state;
    private final FleetAgent fleet;

    private Sidecar(JettyServer server, TraceSink traces, ScheduledExecutorService poller, StateSource state, FleetAgent fleet) {
        this.server = server;
        this.traces = traces;
        this.poller = poller;
        this.state = state;
        this.fleet = fleet;
    }

    /**
     * Loads the state, binds and starts serving; every load and reload is one line on {@code log}.
     * Refuses a non-loopback address without a token, and a state file that does not load.
     */
    public static Sidecar start(SidecarOptions options, PrintStream log) {
        return start(options, null, log);
    }

    /**
     * Like {@link #start(SidecarOptions, PrintStream)}, but with {@code fleet} set the state comes
     * from the control plane's signed bundles (restored from the cache first) instead of local files;
     * {@code options.policy()} and {@code options.killSwitch()} are then unused.
     */
    public static Sidecar start(SidecarOptions options, FleetOptions fleet, PrintStream log) {
        requireTokenOffLoopback(options);
        SidecarMetrics metrics = new SidecarMetrics();
        if (fleet == null) {
            return serve(options, localState(options, metrics, log), null, metrics);
        }
        FleetState state = new FleetState(new LocalSigner(GoKeyText.decodePrivate(options.key())));
        FleetAgent agent = new FleetAgent(fleet, state, metrics, log);
        agent.start();
        try {
            return serve(options, state, agent, metrics);
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    private static LiveState localState(SidecarOptions options, SidecarMetrics metrics, PrintStream log) {
        return new LiveState(options.policy(), options.key(), options.killSwitch(), options.settle(),
                LiveState.Listener.logging(log, "gait serve", metrics::reloaded));
    }

    private static Sidecar serve(SidecarOptions options, StateSource state, FleetAgent fleet, SidecarMetrics metrics) {
        TraceSink traces = options.traceLog() != null ? new TraceLog(options.traceLog(), options.traceLogSync()) : new TraceFiles(options.traceDir());
        Decider decider = new Decider(state, traces, options.tokenKeys(), options.auditDir(), options.rateLimitState(), options.correlationId(), Clock.systemUTC(), metrics);
        NativeApi nativeApi = new NativeApi(decider);
        AuthzenApi authzen = new AuthzenApi(decider, metrics);
        OpsApi ops = new OpsApi(state, metrics);
        Router router = new Router(nativeApi.errors())
                .add("POST", NativeApi.PATH, nativeApi.errors(), nativeApi::evaluate)
                .add("POST", AuthzenApi.EVALUATION, AuthzenApi.ERRORS, authzen::evaluation)
                .add("POST", AuthzenApi.EVALUATIONS, AuthzenApi.ERRORS, authzen::evaluations)
                .add("GET", AuthzenApi.CONFIGURATION, AuthzenApi.ERRORS, authzen::configuration)
                .add("GET", OpsApi.HEALTH, nativeApi.errors(), ops::health)
                .add("GET", OpsApi.READY, nativeApi.errors(), ops::ready)
                .add("GET", OpsApi.METRICS, nativeApi.errors(), ops::metrics);
        Gateway gateway = new Gateway(router, options.authToken() == null ? null : new BearerToken(options.authToken()),
                new RequestRateLimit(options.maxRequestsPerSecond()), options.maxBodyBytes(), (route, status) -> {
                    if (status >= 400) {
                        metrics.rejected(status);
                    }
                });

        JettyServer server;
        try {
            server = JettyServer.start("gait-serve", options.host(), options.port(), gateway, IDLE_TIMEOUT);
        } catch (GaitException e) {
            traces.close();
            throw e;
        }
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gait-serve-reload").factory());
        long pollMillis = Math.max(1, options.poll().toMillis());
        poller.scheduleWithFixedDelay(state::current, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        return new Sidecar(server, traces, poller, state, fleet);
    }

    private static void requireTokenOffLoopback(SidecarOptions options) {
        if (!Hosts.isLoopback(options.host()) && options.authToken() == null) {
            throw GaitException.invalidInput("listening on " + options.host()
                    + " (not a loopback address) requires a bearer token: pass --auth-token-env VAR");
        }
    }

    /** The base URL of the listening socket. */
    public URI url() {
        return server.url();
    }

    public String policyDigest() {
        return state.policyDigest();
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        if (fleet != null) {
            fleet.close();
        }
        try {
            server.close();
        } finally {
            traces.close();
        }
    }
}
