package dev.gait.cli.onboarding;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.onboarding.RepoDetection;
import dev.gait.core.onboarding.RepoSignal;
import dev.gait.core.onboarding.RepoSignals;
import java.nio.file.Path;
import java.util.List;

/** What {@code init} and {@code check} both report about the repository: detection and the signals read from it. */
record RepoSurface(RepoDetection detection, RepoSignals signals) {

    static RepoSurface scan(Path root) {
        RepoDetection detection = RepoDetection.scan(root);
        return new RepoSurface(detection, RepoSignals.derive(detection));
    }

    /** The shared members of both results: {@code detection}, {@code detected_signals}, {@code unknown_signals}. */
    JsonObject.Builder addTo(JsonObject.Builder result) {
        return result.putOmitEmpty("detection", detection.toJson())
                .putOmitEmpty("detected_signals", array(signals.signals()))
                .putOmitEmpty("unknown_signals", array(signals.unknownSignals()));
    }

    private static JsonArray array(List<RepoSignal> signals) {
        return new JsonArray(signals.stream().<JsonValue>map(RepoSignal::toJson).toList());
    }
}
