package dev.gait.fleet.http;

import dev.gait.core.json.JsonObject;
import dev.gait.fleet.api.ApiErrors;
import dev.gait.fleet.api.ApiRoute;
import dev.gait.fleet.api.FleetApi;
import dev.gait.fleet.control.ControlPlane;
import dev.gait.fleet.distribution.Distribution;
import dev.gait.serve.http.Gateway;
import dev.gait.serve.http.JettyServer;
import dev.gait.serve.http.Reply;
import dev.gait.serve.http.RequestRateLimit;
import dev.gait.serve.http.Router;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet control plane's HTTP server ({@code gait fleet serve}): the JSON API under {@code /v1},
 * its OpenAPI description, health, readiness and Prometheus metrics, on the sidecar's HTTP layer.
 */
public final class FleetServer implements AutoCloseable {
    public static final String OPENAPI = "/v1/openapi.json";

    /** Longer than the longest long poll, so a waiting connection is never cut as idle. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(90);

    private final JettyServer server;
    private final Distribution distribution;
    private final Router router;
    private final Thread refresher;

    private FleetServer(JettyServer server, Distribution distribution, Router router, Thread refresher) {
        this.server = server;
        this.distribution = distribution;
        this.router = router;
        this.refresher = refresher;
    }

    /**
     * Serves what is in force in every environment, then listens; a background refresh picks up
     * promotions made through other replicas of the same store.
     */
    public static FleetServer start(FleetOptions options, ControlPlane control) {
        Distribution distribution = new Distribution();
        Runnable refresh = () -> distribution.refresh(control.store().registry().latestSequences(), control::inForce);
        refresh.run();
        FleetMetrics metrics = new FleetMetrics(distribution::waiting);
        List<ApiRoute> routes = new ArrayList<>(FleetApi.routes(control, distribution));
        routes.add(ApiRoute.open("/healthz", "Liveness: the process serves",
                call -> Reply.json(200, JsonObject.builder().put("ok", true).put("status", "ok").build())));
        routes.add(ApiRoute.open("/readyz", "Readiness: 200 when the store answers, 503 otherwise",
                call -> control.store().ready() ? Reply.json(200, JsonObject.builder().put("ok", true).put("ready", true).build())
                        : ApiErrors.envelope(503, "not_ready", "the store does not answer", JsonObject.EMPTY)));
        routes.add(ApiRoute.open("/metrics", "Prometheus metrics (text exposition format)",
                call -> Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render())));
        // The description covers every route, itself included, so it is built from the finished list.
        routes.add(ApiRoute.open(OPENAPI, "This API's OpenAPI 3.1 description", call -> Reply.json(200, OpenApi.document(routes))));

        Router router = new Router(ApiErrors.FORMAT);
        for (ApiRoute route : routes) {
            router.add(route.method(), route.template(), route.bodyType().isEmpty() ? Router.JSON : route.bodyType(), ApiErrors.FORMAT,
                    Authorization.guard(route, control.store().credentials()));
        }
        Gateway gateway = new Gateway(router, null, new RequestRateLimit(0), options.maxBodyBytes(), metrics::replied);
        JettyServer server = JettyServer.start("gait-fleet", options.host(), options.port(), gateway, IDLE_TIMEOUT);
        Thread refresher = Thread.ofVirtual().name("gait-fleet-refresh").start(() -> refreshEvery(options.refreshInterval(), refresh));
        return new FleetServer(server, distribution, router, refresher);
    }

    private static void refreshEvery(Duration interval, Runnable refresh) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
                refresh.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The store did not answer; points keep what they were served, and the next round retries.
            }
        }
    }

    public URI url() {
        return server.url();
    }

    /** Every environment's bundle channel, as this replica serves it. */
    public Distribution distribution() {
        return distribution;
    }

    /** The routes the server dispatches, for checking the API description against. */
    public List<Router.Declared> routes() {
        return router.declared();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        refresher.interrupt();
        distribution.close();
        server.close();
    }
}
