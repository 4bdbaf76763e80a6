package dev.gait.fleet.posture;

import java.util.Map;

/** What an enforcement point reports: the bundle it enforces and its decision counts by verdict since it started. */
public record StatusReport(String bundleDigest, long bundleSequence, Map<String, Long> decisionCounts) {
    public StatusReport {
        decisionCounts = Map.copyOf(decisionCounts);
    }
}
