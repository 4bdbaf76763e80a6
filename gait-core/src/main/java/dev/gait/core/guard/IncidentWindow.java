package dev.gait.core.guard;

import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** The time window an incident pack was selected from: ±window around the run's created_at. */
public record IncidentWindow(Instant from, Instant to, long windowSeconds, String selectionAnchor) {

    /** Gait v1's default, also used for a window that is zero or negative. */
    public static final Duration DEFAULT = Duration.ofHours(24);

    public static IncidentWindow around(Instant anchor, Duration window, String runId) {
        Duration width = window.isNegative() || window.isZero() ? DEFAULT : window;
        return new IncidentWindow(anchor.minus(width), anchor.plus(width), width.toSeconds(), runId);
    }

    /** Inclusive at both ends, as v1 selects. */
    public boolean contains(Instant time) {
        return !time.isBefore(from) && !time.isAfter(to);
    }

    JsonObject toJson() {
        return JsonObject.builder()
                .put("from", GoTime.formatUtc(from))
                .put("to", GoTime.formatUtc(to))
                .put("window_seconds", windowSeconds)
                .putOmitEmpty("selection_anchor", selectionAnchor)
                .build();
    }
}
