package dev.gait.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gait.core.canon.GoDuration;
import dev.gait.core.digest.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the fleet control plane's distribution endpoint (built in the control plane
 * itself): serves each environment's bundle bytes at {@code GET /v1/environments/{env}/bundle} with
 * a strong ETag (the quoted SHA-256 of the bytes), answers 304 to a matching {@code If-None-Match}
 * after holding the request for up to {@code ?wait=} or until a new bundle is published, and 404
 * while an environment has no bundle. Status reports ({@code POST
 * /v1/enforcement-points/{id}/status}) are recorded and answered 404, as a control plane without
 * that endpoint would.
 */
final class ControlPlaneStandIn implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> bundles = new ConcurrentHashMap<>();
    private final Object published = new Object();
    final String credential;
    final AtomicInteger notModified = new AtomicInteger();
    final AtomicInteger unauthorized = new AtomicInteger();
    final List<String> statusReports = new CopyOnWriteArrayList<>();

    ControlPlaneStandIn(String credential) {
        this.credential = credential;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void publish(String environment, byte[] bundle) {
        synchronized (published) {
            bundles.put(environment, bundle.clone());
            published.notifyAll();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + credential).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                unauthorized.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (exchange.getRequestMethod().equals("POST") && path.length == 5 && path[2].equals("enforcement-points") && path[4].equals("status")) {
                statusReports.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") || path.length != 5 || !path[2].equals("environments") || !path[4].equals("bundle")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] bundle = awaitChange(path[3], exchange.getRequestHeaders().getFirst("If-None-Match"), waitOf(exchange.getRequestURI()));
            if (bundle == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (etag(bundle).equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                exchange.getResponseHeaders().set("ETag", etag(bundle));
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.getResponseHeaders().set("ETag", etag(bundle));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bundle.length);
                exchange.getResponseBody().write(bundle);
            }
        }
    }

    /** The environment's bundle once it differs from {@code ifNoneMatch}, or as it is when the wait ends. */
    private byte[] awaitChange(String environment, String ifNoneMatch, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (published) {
            while (true) {
                byte[] bundle = bundles.get(environment);
                long left = deadline - System.nanoTime();
                if (ifNoneMatch == null || (bundle != null && !etag(bundle).equals(ifNoneMatch)) || left <= 0) {
                    return bundle;
                }
                try {
                    published.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return bundle;
                }
            }
        }
    }

    private static Duration waitOf(URI uri) {
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        return query.startsWith("wait=") ? GoDuration.parse(query.substring(5)) : Duration.ZERO;
    }

    static String etag(byte[] bundle) {
        return "\"" + Digests.sha256Hex(bundle) + "\"";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
