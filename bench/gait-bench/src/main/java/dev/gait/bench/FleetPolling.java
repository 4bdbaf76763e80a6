package dev.gait.bench;

import dev.gait.core.json.JsonObject;
import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonObject;
import dev.gait.fleet.FleetStorage;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.config.FleetConfig;
import dev.gait.fleet.control.ControlPlane;
import dev.gait.fleet.control.ControlPlaneKey;
import dev.gait.fleet.http.FleetOptions;
import dev.gait.fleet.http.FleetServer;
import dev.gait.fleet.registry.Rollout;
import dev.gait.fleet.tenancy.Bootstrap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

/**
 * Load on the control plane's bundle distribution, on loopback in one process: the real server on a
 * SQLite store in a temporary directory, N registered enforcement points simulated by virtual
 * threads (JDK HttpClient), each with its own machine credential, and signed bundles.
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
    private static final int CLIENTS = 8;
    private static final String P1 = "default_verdict: block\n";
    private static final String P2 = "default_verdict: allow\n";

    /** The control plane with one environment and its registered points, P1 promoted and P2 published. */
    private record Fleet(FleetStorage storage, FleetServer server, String admin, String org, String environment, String p2,
                         List<String> tokens) implements AutoCloseable {
        static Fleet start(int points) throws Exception {
            Path dir = Files.createTempDirectory("gait-fleet-bench");
            FleetStorage storage = FleetStorage.open(new FleetConfig(dir, Optional.empty(), Optional.empty()), Clock.systemUTC());
            ControlPlane control = new ControlPlane(storage.store(), storage.artifacts(), ControlPlaneKey.loadOrCreate(dir), List.of(),
                    Clock.systemUTC());
            Bootstrap bootstrap = storage.store().tenancy().bootstrap("bench", "admin@bench.example");
            Principal admin = storage.store().credentials().authenticate(bootstrap.adminToken().token()).orElseThrow();
            String environment = storage.store().tenancy().createEnvironment(admin, "bench", Map.of()).id();
            List<String> tokens = new ArrayList<>();
            for (int p = 0; p < points; p++) {
                String point = storage.store().tenancy().registerEnforcementPoint(admin, environment, "point-" + p, Map.of()).id();
                tokens.add(storage.store().credentials().issueMachineCredential(admin, point).token());
            }
            String p1 = control.publish(admin, release(P1), "", "").release().digest();
            String p2 = control.publish(admin, release(P2), "", "").release().digest();
            control.promote(admin, environment, p1, Rollout.ALL);
            FleetServer server = FleetServer.start(FleetOptions.defaults().withListen("127.0.0.1", 0), control);
            return new Fleet(storage, server, bootstrap.adminToken().token(), bootstrap.organization().id(), environment, p2, tokens);
        }

        private static byte[] release(String policy) {
            return Jcs.canonicalize(JsonObject.builder().put("policy_yaml", policy).put("source", "bench").build());
        }

        URI bundleUrl() {
            return URI.create(server.url() + "/v1/environments/" + environment + "/bundle");
        }

        String etag() throws Exception {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(bundleUrl()).header("Authorization", "Bearer " + tokens.getFirst())
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("ETag").orElseThrow();
        }

        /** Promotes P2 through the API, as an administrator does. */
        void promoteP2() throws Exception {
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/orgs/" + org
                            + "/environments/" + environment + "/promotions")).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"release_digest\":\"" + p2 + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 201) {
                throw new IllegalStateException("promotion failed: " + reply.body());
            }
        }

        @Override
        public void close() {
            server.close();
            storage.close();
        }
    }

    private FleetPolling() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("serve")) {
            try (Fleet fleet = Fleet.start(1)) {
                System.out.println(fleet.bundleUrl() + " " + fleet.etag() + " " + fleet.tokens().getFirst());
                Thread.sleep(Duration.ofSeconds(Long.parseLong(args[1])));
            }
            return;
        }
        int points = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int pollSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int intervalMillis = args.length > 2 ? Integer.parseInt(args[2]) : 1000;

        try (Fleet fleet = Fleet.start(points);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            FleetServer server = fleet.server();
            List<String> tokens = fleet.tokens();
            String firstTag = fleet.etag();
            List<HttpClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(HttpClient.newBuilder().executor(threads).connectTimeout(Duration.ofSeconds(10)).build());
            }
            URI bundleUrl = fleet.bundleUrl();

            // Warm-up, not measured: every point's first request (connection set-up, compilation).
            CountDownLatch warm = new CountDownLatch(points);
            for (int p = 0; p < points; p++) {
                int point = p;
                threads.submit(() -> {
                    try {
                        clients.get(point % CLIENTS).send(request(bundleUrl, tokens.get(point), firstTag, ""), HttpResponse.BodyHandlers.discarding());
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
                            HttpResponse<Void> reply = client.send(request(bundleUrl, tokens.get(point), firstTag, ""), HttpResponse.BodyHandlers.discarding());
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
            for (int p = 0; p < points; p++) {
                int point = p;
                threads.submit(() -> {
                    HttpClient client = clients.get(point % CLIENTS);
                    String tag = firstTag;
                    try {
                        while (tag.equals(firstTag)) {
                            HttpResponse<Void> reply = client.send(request(bundleUrl, tokens.get(point), tag, "?wait=60s"), HttpResponse.BodyHandlers.discarding());
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
            fleet.promoteP2();
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

    private static HttpRequest request(URI bundleUrl, String token, String etag, String query) {
        return HttpRequest.newBuilder(URI.create(bundleUrl + query))
                .header("Authorization", "Bearer " + token)
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
}
