package dev.gait.core.runpack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code run.json}: the run's identity, environment and timeline. */
public record RunRecord(RecordHeader header, Env env, List<TimelineEvent> timeline) {
    public static final String SCHEMA_ID = "gait.runpack.run";

    public RunRecord {
        timeline = List.copyOf(timeline);
    }

    public record Env(String os, String arch, String runtime) {
        JsonObject toJson() {
            return JsonObject.builder().put("os", os).put("arch", arch).put("runtime", runtime).build();
        }
    }

    /** One timeline event; {@code ref} and {@code relationship} are omitted when empty. */
    public record TimelineEvent(String event, OffsetDateTime ts, String ref, JsonObject relationship) {
        JsonObject toJson() {
            return JsonObject.builder()
                    .put("event", event)
                    .put("ts", GoTime.format(ts))
                    .putOmitEmpty("ref", ref)
                    .putOmitEmpty("relationship", relationship)
                    .build();
        }
    }

    public JsonObject toJson() {
        return header.start(SCHEMA_ID)
                .put("env", env.toJson())
                .put("timeline", new JsonArray(timeline.stream().<JsonValue>map(TimelineEvent::toJson).toList()))
                .build();
    }
}
