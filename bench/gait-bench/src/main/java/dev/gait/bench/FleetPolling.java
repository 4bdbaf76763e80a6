package dev.gait.bench;

import dev.gait.core.json.JsonObject;
import dev.gait.fleet.api.AuditLog;
import dev.gait.fleet.api.Authenticator;
import dev.gait.fleet.api.FleetPorts;
import dev.gait.fleet.api.Principal;
import dev.gait.fleet.api.Rollouts;
import dev.gait.fleet.api.Tenants;
import dev.gait.fleet.distribution.Bundle;
import dev.gait.fleet.distribution.BundleChannel;
import dev.gait.fleet.distribution.EnforcementPoint;
import dev.gait.fleet.http.FleetOptions;
import dev.gait.fleet.http.FleetServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load on the control plane's bundle distribution, on loopback in one process: N simulated
 * enforcement points (virtual threads, JDK HttpClient, each with its machine credential).
 *
 * <ol>
 *   <li>Warm-up: one request per point, not measured.</li>
 *   <li>Conditional polling: every point sends {@code GET …/bundle} with {@code If-None-Match} once
 *       per interval for a fixed time; requests per second and latency percentiles of those
 *       requests (all answered 304).</li>
 *   <li>Propagation: every point long-polls ({@code ?wait=}); once all wait, a new bundle is
 *       published; the time from publication until each point holds the new ETag.</li>
 * </ol>
 *
 * usage: FleetPolling [points=2000] [poll seconds=20] [poll interval ms=1000]
 *    or: FleetPolling serve SECONDS (serve the same bundle route for an external load generator; prints the URL)
 */
public final class FleetPolling {
    private static final String ENVIRONMENT = "bench";
    private static final int CLIENTS = 8;

    private FleetPolling() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("serve")) {
            try (FleetServer server = FleetServer.start(FleetOptions.defaults().withListen("127.0.0.1", 0), ports())) {
                server.distribution().channel(ENVIRONMENT).update(rollout -> rollout.promote("r1"), release -> bundle(1));
                System.out.println(server.url() + "/v1/environments/" + ENVIRONMENT + "/bundle " + bundle(1).etag());
                Thread.sleep(Duration.ofSeconds(Long.parseLong(args[1])));
            }
            return;
        }
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int pollSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int intervalMillis = args.length > 2 ? Integer.parseInt(args[2]) : 1000;

        try (FleetServer server = FleetServer.start(FleetOptions.defaults().withListen("127.0.0.1", 0), ports());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            BundleChannel channel = server.distribution().channel(ENVIRONMENT);
            channel.update(rollout -> rollout.promote("r1"), release -> bundle(1));
            String firstTag = bundle(1).etag();
            List<HttpClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(HttpClient.newBuilder().executor(threads).connectTimeout(Duration.ofSeconds(10)).build());
            }
            URI bundleUrl = URI.create(server.url() + "/v1/environments/" + ENVIRONMENT + "/bundle");

            // Warm-up, not measured: every point's first request (connection set-up, compilation).
            CountDownLatch warm = new CountDownLatch(points);
            for (int p = 0; p < points; p++) {
                int point = p;
                threads.submit(() -> {
                    try {
                        clients.get(point % CLIENTS).send(request(bundleUrl, point, firstTag, ""), HttpResponse.BodyHandlers.discarding());
                    } finally {
                        warm.countDown();
                    }
                    return null;
                });
            }
            warm.await();

            // Phase 1: paced conditional polls.
            long[][] latencies = new long[points][];
            AtomicLong failures = new AtomicLong();
            long pollEnd = System.nanoTime() + Duration.ofSeconds(pollSeconds).toNanos();
            CountDownLatch polled = new CountDownLatch(points);
            long pollStart = System.nanoTime();
            for (int p = 0; p < points; p++) {
                int point = p;
                threads.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    HttpClient client = clients.get(point % CLIENTS);
                    // Spread the first requests over one interval, as a fleet's polls are.
                    long next = System.nanoTime() + (long) point * intervalMillis * 1_000_000L / points;
                    try {
                        while (next < pollEnd) {
                            long sleep = next - System.nanoTime();
                            if (sleep > 0) {
                                Thread.sleep(Duration.ofNanos(sleep));
                            }
                            long start = System.nanoTime();
                            HttpResponse<Void> reply = client.send(request(bundleUrl, point, firstTag, ""), HttpResponse.BodyHandlers.discarding());
                            if (reply.statusCode() == 304) {
                                mine.add(System.nanoTime() - start);
                            } else {
                                failures.incrementAndGet();
                            }
                            next += intervalMillis * 1_000_000L;
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    } finally {
                        latencies[point] = mine.stream().mapToLong(Long::longValue).toArray();
                        polled.countDown();
                    }
                    return null;
                });
            }
            polled.await();
            double pollElapsed = (System.nanoTime() - pollStart) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();

            // Phase 2: long polls, then one publication.
            AtomicLong published = new AtomicLong();
            long[] arrivals = new long[points];
            AtomicLong propagationFailures = new AtomicLong();
            CountDownLatch arrived = new CountDownLatch(points);
            String secondTag = bundle(2).etag();
            for (int p = 0; p < points; p++) {
                int point = p;
                threads.submit(() -> {
                    HttpClient client = clients.get(point % CLIENTS);
                    String tag = firstTag;
                    try {
                        while (!tag.equals(secondTag)) {
                            HttpResponse<Void> reply = client.send(request(bundleUrl, point, tag, "?wait=60s"), HttpResponse.BodyHandlers.discarding());
                            if (reply.statusCode() == 200) {
                                tag = reply.headers().firstValue("ETag").orElse(tag);
                            } else if (reply.statusCode() != 304) {
                                propagationFailures.incrementAndGet();
                            }
                        }
                        arrivals[point] = System.nanoTime() - published.get();
                    } catch (Exception e) {
                        propagationFailures.incrementAndGet();
                        arrivals[point] = Long.MAX_VALUE;
                    } finally {
                        arrived.countDown();
                    }
                    return null;
                });
            }
            long waitStart = System.nanoTime();
            while (server.distribution().waiting() < points && System.nanoTime() - waitStart < Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(10);
            }
            int waitingAtPublish = server.distribution().waiting();
            published.set(System.nanoTime());
            channel.update(rollout -> rollout.promote("r2"), release -> bundle(2));
            arrived.await();
            long[] sortedArrivals = arrivals.clone();
            Arrays.sort(sortedArrivals);

            System.out.printf("points                       %d (%d HttpClients, virtual threads, loopback, one process)%n", points, CLIENTS);
            System.out.printf("conditional polls            every %d ms per point for %d s%n", intervalMillis, pollSeconds);
            System.out.printf("  requests answered 304      %d (%.0f requests/s), failures %d%n", all.length, all.length / pollElapsed, failures.get());
            System.out.printf("  latency p50 / p99 / max    %.2f / %.2f / %.2f ms%n", millis(all, 0.50), millis(all, 0.99), millis(all, 1.0));
            System.out.printf("propagation (long poll)      %d of %d points waiting when published, failures %d%n", waitingAtPublish, points,
                    propagationFailures.get());
            System.out.printf("  new ETag at p50 / p99 / all %.1f / %.1f / %.1f ms after publication%n",
                    millis(sortedArrivals, 0.50), millis(sortedArrivals, 0.99), millis(sortedArrivals, 1.0));
        }
    }

    private static HttpRequest request(URI bundleUrl, int point, String etag, String query) {
        return HttpRequest.newBuilder(URI.create(bundleUrl + query))
                .header("Authorization", "Bearer point-" + point)
                .header("If-None-Match", etag)
                .timeout(Duration.ofSeconds(90))
                .GET().build();
    }

    private static double millis(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static Bundle bundle(int version) {
        return Bundle.of(("{\"environment\":\"" + ENVIRONMENT + "\",\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Machine credentials {@code point-<n>} for points of the one environment; nothing else is reached. */
    private static FleetPorts ports() {
        Authenticator machines = token -> token.startsWith("point-")
                ? Optional.of(Principal.machine("bench-org", ENVIRONMENT, token))
                : Optional.empty();
        Tenants tenants = new Tenants() {
            @Override public Optional<JsonObject> organisation(String organisation) { throw unused(); }
            @Override public JsonObject createEnvironment(String organisation, String name, String actor) { throw unused(); }
            @Override public List<JsonObject> environments(String organisation) { throw unused(); }
            @Override public boolean hasEnvironment(String organisation, String environment) { throw unused(); }
            @Override public JsonObject registerPoint(String o, String e, String p, Map<String, String> l, String a) { throw unused(); }
            @Override public List<EnforcementPoint> points(String organisation, String environment) { throw unused(); }
            @Override public Optional<EnforcementPoint> point(String environment, String pointId) {
                return Optional.of(new EnforcementPoint(pointId, Map.of()));
            }
        };
        Rollouts rollouts = new Rollouts() {
            @Override public void changed(String o, String e, String a, BundleChannel.Published now, String actor) {}
            @Override public List<Stored> load() { return List.of(); }
        };
        AuditLog audit = organisation -> { throw unused(); };
        return new FleetPorts(machines, tenants, null, null, rollouts, null, null, null, audit, () -> true);
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used by the polling benchmark");
    }
}
