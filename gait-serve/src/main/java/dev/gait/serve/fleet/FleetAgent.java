package dev.gait.serve.fleet;

import dev.gait.core.bundle.BundleRejectedException;
import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.serve.SidecarMetrics;
import dev.gait.core.fs.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps the sidecar on its environment's current bundle. It long-polls {@code GET
 * <control plane>/v1/environments/{environment}/bundle?wait=30s} with {@code If-None-Match} (304:
 * unchanged), verifies a new bundle (signature by a trusted control-plane key, organisation,
 * environment, a sequence never below the one in force) before anything else, writes it to the
 * cache as the last known good bundle, then swaps it in whole. A bundle that does not verify is
 * refused, logged and counted, and the bundle in force stays. An unreachable control plane changes
 * nothing: the sidecar keeps enforcing what it has, and blocks everything while it has nothing.
 */
public final class FleetAgent implements AutoCloseable {
    /** Between polls that brought nothing new (an error, or a server that does not hold polls). */
    private static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** How long to wait for the control plane beyond the long-poll time. */
    private static final Duration RESPONSE_GRACE = Duration.ofSeconds(10);

    private final FleetOptions options;
    private final FleetState state;
    private final SidecarMetrics metrics;
    private final PrintStream log;
    private final BundleCache cache;
    private final HttpClient http;
    private final URI bundleUri;
    private final StatusReporter reporter;
    private volatile String etag = "";
    private volatile Thread poller;
    private volatile boolean closed;
    private String lastProblem = "";

    public FleetAgent(FleetOptions options, FleetState state, SidecarMetrics metrics, PrintStream log) {
        this.options = options;
        this.state = state;
        this.metrics = metrics;
        this.log = log;
        this.cache = new BundleCache(options.cacheDir());
        this.http = HttpClient.newBuilder().connectTimeout(RESPONSE_GRACE).build();
        String base = options.controlPlane().toString().replaceAll("/+$", "");
        this.bundleUri = URI.create(base + "/v1/environments/" + URLEncoder.encode(options.environment(), StandardCharsets.UTF_8)
                + "/bundle?wait=" + options.longPoll().toSeconds() + "s");
        this.reporter = options.enforcementPoint().isEmpty() ? null : new StatusReporter(http, base, options, state, metrics);
        metrics.fleetEnabled();
    }

    /** Restores the last known good bundle from the cache (verified again), then starts polling. */
    public void start() {
        restore();
        poller = Thread.ofPlatform().daemon().name("gait-serve-fleet").start(this::run);
    }

    private void restore() {
        byte[] cached;
        try {
            cached = cache.load().orElse(null);
        } catch (GaitException e) {
            log.println("gait serve: cannot read the cached fleet bundle " + cache.file() + ": " + e.getMessage());
            return;
        }
        if (cached == null) {
            log.println("gait serve: no cached fleet bundle; every decision blocks (" + FleetState.UNAVAILABLE + ") until one verifies");
            return;
        }
        if (accept(cached, "cache " + cache.file())) {
            etag = quoted(state.bundle().orElseThrow().digest());
        }
    }

    private void run() {
        Duration backoff = MIN_POLL_INTERVAL;
        while (!closed) {
            long started = System.nanoTime();
            boolean ok;
            try {
                ok = pollOnce();
            } catch (RuntimeException e) {
                // the poller must outlive any one bad answer, or no later bundle (a kill switch, say) would arrive
                ok = problem("fleet poll failed: " + Objects.requireNonNullElse(e.getMessage(), e.toString()));
            }
            if (reporter != null) {
                reporter.maybeReport();
            }
            backoff = ok ? MIN_POLL_INTERVAL : min(backoff.multipliedBy(2), MAX_BACKOFF);
            Duration pause = ok ? MIN_POLL_INTERVAL.minusNanos(System.nanoTime() - started) : backoff;
            if (!pause.isNegative() && !sleep(pause)) {
                return;
            }
        }
    }

    /** One conditional poll; false when the control plane could not be asked or did not answer with a bundle. */
    private boolean pollOnce() {
        HttpRequest.Builder request = HttpRequest.newBuilder(bundleUri).GET()
                .timeout(options.longPoll().plus(RESPONSE_GRACE))
                .header("Accept", "application/json");
        if (!etag.isEmpty()) {
            request.header("If-None-Match", etag);
        }
        if (options.credential() != null) {
            request.header("Authorization", "Bearer " + options.credential());
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return problem("control plane unreachable at " + bundleUri + ": " + Objects.requireNonNullElse(e.getMessage(), e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        int status = response.statusCode();
        byte[] body;
        try (InputStream in = response.body()) {
            // a bundle is never larger than any other Gait input; a larger answer is not read whole
            body = status == 200 ? InputFiles.readBounded(in, InputFiles.DEFAULT_MAX_BYTES, "the bundle from " + bundleUri) : new byte[0];
        } catch (GaitException | IOException e) {
            return problem(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        if (status == 304) {
            lastProblem = "";
            return true;
        }
        if (status == 404) {
            // the control plane answers, but has no bundle for this environment yet: keep asking at the usual pace
            problem("no bundle published at " + bundleUri + " (404)");
            return true;
        }
        if (status != 200) {
            return problem("control plane answered " + status + " for " + bundleUri);
        }
        lastProblem = "";
        // the ETag of what was fetched, even when refused: a refused bundle is not fetched again until it changes
        etag = response.headers().firstValue("ETag").orElse(quoted(Digests.sha256Hex(body)));
        accept(body, bundleUri.toString());
        return true;
    }

    /** Verifies and activates a bundle; false (and the bundle in force kept) when it is refused. */
    private boolean accept(byte[] bytes, String source) {
        FleetBundle.Verified active = state.bundle().orElse(null);
        FleetBundle.Expectation expected = active != null ? FleetBundle.Expectation.after(active)
                : FleetBundle.Expectation.first(options.org(), options.environment());
        FleetBundle.Verified bundle;
        try {
            bundle = FleetBundle.verify(bytes, options.trustedKeys(), expected);
        } catch (BundleRejectedException e) {
            state.refused(e.getMessage());
            metrics.fleetBundle("refused", e.reason().code());
            log.println("gait serve: refused fleet bundle from " + source + ": " + e.getMessage()
                    + (active == null ? "; every decision blocks (" + FleetState.UNAVAILABLE + ")" : "; bundle " + active.sequence() + " stays in force"));
            return false;
        }
        if (active != null && bundle.digest().equals(active.digest())) {
            return true;
        }
        try {
            state.activate(bundle);
        } catch (RuntimeException e) {
            state.refused(e.getMessage());
            metrics.fleetBundle("refused", "activation_failed");
            log.println("gait serve: cannot activate fleet bundle from " + source + ": " + e.getMessage()
                    + (active == null ? "; every decision blocks (" + FleetState.UNAVAILABLE + ")" : "; bundle " + active.sequence() + " stays in force"));
            return false;
        }
        try {
            cache.save(bytes);
        } catch (GaitException e) {
            // enforcing the new bundle matters more than remembering it; but a restart must not enforce the older
            // bundle left in the cache, so it goes, and a restart blocks until the control plane answers
            log.println("gait serve: cannot write the fleet bundle cache " + cache.file() + ": " + e.getMessage() + "; removing the older cached bundle");
            cache.discard(log);
        }
        metrics.fleetBundle("activated", "");
        metrics.fleetBundleActive(bundle.digest(), bundle.sequence());
        log.println("gait serve: activated fleet bundle sequence=" + bundle.sequence() + " digest=" + bundle.digest() + " policy_digest="
                + bundle.content().policy().digest() + (bundle.rollback() ? " (rollback)" : "") + " from " + source);
        if (reporter != null) {
            reporter.reportSoon();
        }
        return true;
    }

    /** Logs a problem once until it changes or clears, and counts every occurrence. */
    private boolean problem(String message) {
        metrics.fleetFetchFailed();
        if (!message.equals(lastProblem)) {
            log.println("gait serve: " + message + "; the fleet bundle in force stays"
                    + (state.bundle().isEmpty() ? " (none: every decision blocks)" : ""));
            lastProblem = message;
        }
        return false;
    }

    private static String quoted(String digest) {
        return "\"" + digest + "\"";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread thread = poller;
        if (thread != null) {
            thread.interrupt();
        }
        http.shutdownNow();
    }
}
