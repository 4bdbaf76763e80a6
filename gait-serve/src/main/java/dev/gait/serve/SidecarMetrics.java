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
    private final Map<String, LongAdder> verdicts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> fleetBundles = new ConcurrentHashMap<>();
    private final LongAdder fleetFetchErrors = new LongAdder();
    private volatile boolean fleet;
    private volatile String fleetBundleLabels;

    public SidecarMetrics() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** One decision: the API it came through, its verdict (or {@code error}) and how long it took. */
    public void decided(String api, String verdict, long nanos) {
        decisions.computeIfAbsent("api=\"" + api + "\",verdict=\"" + verdict + "\"", k -> new LongAdder()).increment();
        verdicts.computeIfAbsent(verdict, k -> new LongAdder()).increment();
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

    /** The sidecar takes its state from the fleet control plane: the fleet metrics are written. */
    public void fleetEnabled() {
        fleet = true;
    }

    /** A fleet bundle the agent received: {@code activated}, or {@code refused} with the reason code. */
    public void fleetBundle(String result, String reason) {
        fleetBundles.computeIfAbsent("result=\"" + result + "\",reason=\"" + reason + "\"", k -> new LongAdder()).increment();
    }

    /** A poll of the control plane that got no answer, or an answer that was not a bundle. */
    public void fleetFetchFailed() {
        fleetFetchErrors.increment();
    }

    /** The fleet bundle in force, for the info metric. */
    public void fleetBundleActive(String digest, long sequence) {
        fleetBundleLabels = "digest=\"" + digest + "\",sequence=\"" + sequence + "\"";
    }

    /** Decisions so far by verdict, over every API: what an enforcement point reports to the control plane. */
    public Map<String, Long> decisionsByVerdict() {
        Map<String, Long> counts = new TreeMap<>();
        verdicts.forEach((verdict, count) -> counts.put(verdict, count.sum()));
        return counts;
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
        if (fleet) {
            family(out, "gait_serve_fleet_bundles_total", "counter", "Fleet bundles received, by result (activated, refused) and refusal reason.", fleetBundles);
            out.append("# HELP gait_serve_fleet_fetch_errors_total Polls of the control plane that brought no bundle (unreachable, an error status, none published).\n")
                    .append("# TYPE gait_serve_fleet_fetch_errors_total counter\n")
                    .append("gait_serve_fleet_fetch_errors_total ").append(fleetFetchErrors.sum()).append('\n');
            if (fleetBundleLabels != null) {
                out.append("# HELP gait_serve_fleet_bundle_info The fleet bundle in force.\n")
                        .append("# TYPE gait_serve_fleet_bundle_info gauge\n")
                        .append("gait_serve_fleet_bundle_info{").append(fleetBundleLabels).append("} 1\n");
            }
        }
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help, Map<String, LongAdder> series) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
        new TreeMap<>(series).forEach((labels, count) ->
                out.append(name).append('{').append(labels).append("} ").append(count.sum()).append('\n'));
    }
}
