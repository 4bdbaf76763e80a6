package dev.gait.serve;

import dev.gait.core.error.GaitException;
import dev.gait.serve.api.AuthzenApi;
import dev.gait.serve.api.NativeApi;
import dev.gait.serve.api.OpsApi;
import dev.gait.serve.http.BearerToken;
import dev.gait.serve.http.Gateway;
import dev.gait.serve.http.JettyHandler;
import dev.gait.serve.http.RequestRateLimit;
import dev.gait.serve.http.Router;
import dev.gait.serve.state.LiveState;
import dev.gait.serve.trace.TraceFiles;
import dev.gait.serve.trace.TraceLog;
import dev.gait.serve.trace.TraceSink;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The local decision sidecar ({@code gait serve}): the native gate API, the AuthZEN API, health
 * and metrics on Jetty, with request handlers on virtual threads.
 */
public final class Sidecar implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final TraceSink traces;
    private final ScheduledExecutorService poller;
    private final LiveState state;

    private Sidecar(Server server, ServerConnector connector, TraceSink traces, ScheduledExecutorService poller, LiveState state) {
        this.server = server;
        this.connector = connector;
        this.traces = traces;
        this.poller = poller;
        this.state = state;
    }

    /**
     * Loads the state, binds and starts serving; every load and reload is one line on {@code log}.
     * Refuses a non-loopback address without a token, and a state file that does not load.
     */
    public static Sidecar start(SidecarOptions options, PrintStream log) {
        requireTokenOffLoopback(options);
        SidecarMetrics metrics = new SidecarMetrics();
        LiveState state = new LiveState(options.policy(), options.key(), options.killSwitch(), options.settle(), new LiveState.Listener() {
            @Override
            public void loaded(String kind, Path path, String label, boolean initial) {
                log.println("gait serve: " + (initial ? "loaded " : "reloaded ") + kind + " " + path + " " + label);
                if (!initial) {
                    metrics.reloaded(kind, true);
                }
            }

            @Override
            public void failed(String kind, Path path, String error) {
                log.println("gait serve: kept the previous " + kind + "; reload of " + path + " failed: " + error);
                metrics.reloaded(kind, false);
            }
        });
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
                new RequestRateLimit(options.maxRequestsPerSecond()), options.maxBodyBytes(), metrics::rejected);

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("gait-serve");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        server.setHandler(new JettyHandler(gateway));
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            traces.close();
            throw GaitException.io("cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gait-serve-reload").factory());
        long pollMillis = Math.max(1, options.poll().toMillis());
        poller.scheduleWithFixedDelay(state::current, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        return new Sidecar(server, connector, traces, poller, state);
    }

    private static void requireTokenOffLoopback(SidecarOptions options) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(options.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw GaitException.invalidInput("cannot resolve listen address " + options.host(), e);
        }
        if (!loopback && options.authToken() == null) {
            throw GaitException.invalidInput("listening on " + options.host()
                    + " (not a loopback address) requires a bearer token: pass --auth-token-env VAR");
        }
    }

    /** The base URL of the listening socket. */
    public URI url() {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        return URI.create("http://" + host + ":" + connector.getLocalPort());
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
        try {
            server.stop();
        } catch (Exception e) {
            throw GaitException.io("cannot stop the sidecar: " + e.getMessage(), e);
        } finally {
            traces.close();
        }
    }
}
