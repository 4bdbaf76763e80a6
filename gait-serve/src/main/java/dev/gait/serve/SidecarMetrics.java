package dev.gait.serve;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sidecar's Prometheus metrics, kept in striped counters and written in the text exposition
 * format by hand: a decision costs a few uncontended increments and no allocation, and the jar
 * needs no metrics library.
 */
public final class SidecarMetrics {
    /** Upper bounds (seconds) of the decision latency histogram. */
    private static final double[] BOUNDS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};

    private final Map<String, LongAdder> decisions = new ConcurrentHashMap<>();
    private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
    private final DoubleAdder latencySum = new DoubleAdder();
    private final Map<String, LongAdder> reloads = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

    public SidecarMetrics() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** One decision: the API it came through, its verdict (or {@code error}) and how long it took. */
    public void decided(String api, String verdict, long nanos) {
        decisions.computeIfAbsent("api=\"" + api + "\",verdict=\"" + verdict + "\"", k -> new LongAdder()).increment();
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < BOUNDS.length && seconds > BOUNDS[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        latencySum.add(seconds);
    }

    /** A batch item that could not be decided: counted as verdict {@code error}, outside the latency histogram. */
    public void undecided(String api) {
        decisions.computeIfAbsent("api=\"" + api + "\",verdict=\"error\"", k -> new LongAdder()).increment();
    }

    public void reloaded(String file, boolean ok) {
        reloads.computeIfAbsent("file=\"" + file + "\",result=\"" + (ok ? "ok" : "error") + "\"", k -> new LongAdder()).increment();
    }

    public void rejected(int status) {
        rejected.computeIfAbsent("status=\"" + status + "\"", k -> new LongAdder()).increment();
    }

    /** The exposition text, with the state in force as an info metric. */
    public String render(String policyDigest, String keyId) {
        StringBuilder out = new StringBuilder(2048);
        family(out, "gait_serve_decisions_total", "counter", "Decisions by API and verdict (error: a batch item that could not be decided).", decisions);
        out.append("# HELP gait_serve_decision_duration_seconds Time to decide, sign and record one decision.\n")
                .append("# TYPE gait_serve_decision_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < buckets.length; i++) {
            cumulative += buckets[i].sum();
            String le = i < BOUNDS.length ? Double.toString(BOUNDS[i]) : "+Inf";
            out.append("gait_serve_decision_duration_seconds_bucket{le=\"").append(le).append("\"} ").append(cumulative).append('\n');
        }
        out.append("gait_serve_decision_duration_seconds_sum ").append(latencySum.sum()).append('\n')
                .append("gait_serve_decision_duration_seconds_count ").append(cumulative).append('\n');
        family(out, "gait_serve_reloads_total", "counter", "Reloads of changed state files by file and result.", reloads);
        family(out, "gait_serve_rejected_requests_total", "counter", "Requests answered with an HTTP error, by status.", rejected);
        out.append("# HELP gait_serve_state_info The policy digest and signing key id in force.\n")
                .append("# TYPE gait_serve_state_info gauge\n")
                .append("gait_serve_state_info{policy_digest=\"").append(policyDigest).append("\",key_id=\"").append(keyId).append("\"} 1\n");
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help, Map<String, LongAdder> series) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        new TreeMap<>(series).forEach((labels, count) ->
                out.append(name).append('{').append(labels).append("} ").append(count.sum()).append('\n'));
    }
}
