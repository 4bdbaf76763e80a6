package dev.gait.serve.fleet;

import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.canon.Jcs;
import dev.gait.serve.SidecarMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts a {@link StatusReport} to {@code <control plane>/v1/enforcement-points/{id}/status} after a
 * bundle is activated and at most every {@link #INTERVAL} otherwise. Best effort: a control plane
 * without the endpoint (404) or out of reach changes nothing about enforcement.
 */
final class StatusReporter {
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI uri;
    private final FleetOptions options;
    private final FleetState state;
    private final SidecarMetrics metrics;
    private long lastReportNanos;
    private boolean due = true;

    StatusReporter(HttpClient http, String base, FleetOptions options, FleetState state, SidecarMetrics metrics) {
        this.http = http;
        this.uri = URI.create(base + "/v1/enforcement-points/" + URLEncoder.encode(options.enforcementPoint(), StandardCharsets.UTF_8) + "/status");
        this.options = options;
        this.state = state;
        this.metrics = metrics;
    }

    void reportSoon() {
        due = true;
    }

    /** Sends a report when one is due; whatever the answer, enforcement goes on. */
    void maybeReport() {
        if (!due && System.nanoTime() - lastReportNanos < INTERVAL.toNanos()) {
            return;
        }
        due = false;
        lastReportNanos = System.nanoTime();
        FleetBundle.Verified bundle = state.bundle().orElse(null);
        StatusReport report = new StatusReport(options.enforcementPoint(), options.environment(), bundle == null ? "" : bundle.digest(),
                bundle == null ? 0 : bundle.sequence(), metrics.decisionsByVerdict());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Jcs.canonicalize(report.toJson())));
        if (options.credential() != null) {
            request.header("Authorization", "Bearer " + options.credential());
        }
        try {
            http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            due = true; // try again after the next poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
