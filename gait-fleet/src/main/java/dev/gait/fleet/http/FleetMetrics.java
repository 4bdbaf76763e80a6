package dev.gait.fleet.http;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The control plane's Prometheus metrics, hand-written in the text format as the sidecar's are:
 * requests by route template and status (a bundle route's 304s are the conditional polls that found
 * nothing new) and the number of long polls waiting.
 */
final class FleetMetrics {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final IntSupplier waiting;

    FleetMetrics(IntSupplier waiting) {
        this.waiting = waiting;
    }

    void replied(String route, int status) {
        requests.computeIfAbsent("route=\"" + route + "\",status=\"" + status + "\"", k -> new LongAdder()).increment();
    }

    String render() {
        StringBuilder out = new StringBuilder(2048);
        out.append("# HELP gait_fleet_requests_total Requests by route template and HTTP status.\n")
                .append("# TYPE gait_fleet_requests_total counter\n");
        new TreeMap<>(requests).forEach((labels, count) ->
                out.append("gait_fleet_requests_total{").append(labels).append("} ").append(count.sum()).append('\n'));
        out.append("# HELP gait_fleet_bundle_waiters Bundle requests waiting for a change (long polls).\n")
                .append("# TYPE gait_fleet_bundle_waiters gauge\n")
                .append("gait_fleet_bundle_waiters ").append(waiting.getAsInt()).append('\n');
        return out.toString();
    }
}
