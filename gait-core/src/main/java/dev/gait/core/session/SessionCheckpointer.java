package dev.gait.core.session;

import dev.gait.core.canon.GoTime;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonNull;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.CaptureMode;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunRecord;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import dev.gait.core.fs.AtomicFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cuts the session events not yet checkpointed into a runpack ({@code <run>_cp_NNNN}, reference
 * capture, signed) and appends a checkpoint that links it into the session chain.
 */
public final class SessionCheckpointer {

    private SessionCheckpointer() {}

    public record Checkpoint(JsonObject record, SessionJournal.State state, RunpackRecorder.Recorded runpack) {}

    /**
     * @param runpackOut where to write the checkpoint's runpack
     * @param runpackPathAsGiven recorded in the checkpoint exactly as the user wrote it
     */
    public static Checkpoint checkpoint(Path journal, Path runpackOut, String runpackPathAsGiven, Signer signer,
                                        Clock clock, SessionLock.Profile profile) {
        try (SessionLock ignored = SessionLock.acquire(journal, profile, clock)) {
            SessionJournal.State state = SessionJournal.read(journal);
            List<JsonObject> events = state.pendingEvents();
            if (events.isEmpty()) {
                throw GaitException.invalidInput("no session events since the last checkpoint");
            }
            long index = state.checkpoints().size() + 1;
            String cpRunId = String.format("%s_cp_%04d", state.runId(), index);
            OffsetDateTime now = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC));
            RunpackRecorder.Recorded recorded = new RunpackRecorder(clock)
                    .record(input(state, events, cpRunId, index, now), CaptureMode.REFERENCE, signer);
            AtomicFiles.write(runpackOut, RunpackWriter.zipBytes(recorded));

            long start = SessionJournal.number(events.getFirst(), "sequence");
            long end = SessionJournal.number(events.getLast(), "sequence");
            String previous = state.checkpoints().isEmpty() ? "" : state.checkpoints().getLast().string("checkpoint_digest").orElse("");
            JsonObject record = JsonObject.builder()
                    .put("schema_id", SessionJournal.CHECKPOINT_SCHEMA)
                    .put("schema_version", "1.0.0")
                    .put("created_at", GoTime.format(now))
                    .put("producer_version", GaitVersion.current())
                    .put("session_id", state.sessionId())
                    .put("run_id", state.runId())
                    .put("checkpoint_index", index)
                    .put("sequence_start", start)
                    .put("sequence_end", end)
                    .put("runpack_path", runpackPathAsGiven)
                    .put("manifest_digest", recorded.manifestDigest())
                    .putOmitEmpty("prev_checkpoint_digest", previous)
                    .put("checkpoint_digest", SessionChain.checkpointDigest(recorded.manifestDigest(), previous, index, start, end))
                    .put("relationship", JsonObject.builder().put("parent_ref",
                            JsonObject.builder().put("kind", "session").put("id", state.sessionId()).build()).build())
                    .build();
            SessionJournal.appendCheckpoint(journal, record, profile.durable());
            List<JsonObject> checkpoints = new ArrayList<>(state.checkpoints());
            checkpoints.add(record);
            return new Checkpoint(record, new SessionJournal.State(state.header(), state.events(), checkpoints), recorded);
        }
    }

    private static RecordInput input(SessionJournal.State state, List<JsonObject> events, String cpRunId, long index,
                                     OffsetDateTime now) {
        List<RecordInput.Intent> intents = new ArrayList<>();
        List<RecordInput.Result> results = new ArrayList<>();
        List<RunRecord.TimelineEvent> timeline = new ArrayList<>();
        for (JsonObject event : events) {
            long sequence = SessionJournal.number(event, "sequence");
            String intentId = event.string("intent_id").filter(id -> !id.isEmpty()).orElse("intent_" + sequence);
            String traceId = event.string("trace_id").orElse("");
            String tracePath = event.string("trace_path").orElse("");
            JsonObject args = JsonObject.builder()
                    .put("session_id", state.sessionId())
                    .put("sequence", sequence)
                    .put("trace_id", traceId)
                    .put("trace_path", tracePath)
                    .build();
            String argsDigest = event.string("intent_digest").filter(d -> !d.isEmpty()).orElse(Digests.jcsHex(args));
            intents.add(new RecordInput.Intent(intentId, event.string("tool_name").orElse(""), argsDigest, args));
            String verdict = event.string("verdict").orElse("");
            JsonObject payload = JsonObject.builder()
                    .put("verdict", verdict)
                    .put("reason_codes", listOrNull(event, "reason_codes"))
                    .put("violations", listOrNull(event, "violations"))
                    .put("trace_id", traceId)
                    .put("trace_path", tracePath)
                    .build();
            boolean stopped = verdict.equals("block") || verdict.equals("require_approval");
            results.add(new RecordInput.Result(intentId, stopped ? "error" : "ok", "", payload));
            timeline.add(new RunRecord.TimelineEvent("session_event",
                    GoTime.parse(event.string("created_at").orElse(GoTime.format(now))), traceId, null));
        }
        timeline.add(new RunRecord.TimelineEvent("session_checkpoint_emitted", now, "checkpoint:" + index, null));
        RecordInput.Run run = new RecordInput.Run("", "", now, "", cpRunId, new RunRecord.Env("", "", ""), timeline);
        return new RecordInput(run, intents, results, new RecordInput.Refs(List.of(), "", "", 0), "reference", Map.of(), Map.of());
    }

    private static JsonValue listOrNull(JsonObject event, String key) {
        return event.array(key).filter(a -> !a.isEmpty()).<JsonValue>map(a -> a).orElse(JsonNull.INSTANCE);
    }
}
