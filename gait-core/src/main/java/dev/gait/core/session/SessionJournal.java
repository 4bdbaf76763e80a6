package dev.gait.core.session;

import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.version.GaitVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A session journal: JSON lines {@code {"record_type":"header|event|checkpoint","<type>":{…}}}
 * written as a long-running agent works. One header starts it; events carry contiguous sequence
 * numbers; checkpoints cut the events into runpacks and chain them by digest. Writers hold the
 * session lock; readers check every rule before anything is trusted.
 */
public final class SessionJournal {
    public static final String JOURNAL_SCHEMA = "gait.runpack.session_journal";
    public static final String EVENT_SCHEMA = "gait.runpack.session_event";
    public static final String CHECKPOINT_SCHEMA = "gait.runpack.session_checkpoint";
    static final Set<String> VERDICTS = Set.of("allow", "block", "dry_run", "require_approval");

    private SessionJournal() {}

    /** A journal as read: its header, the events still in it, and all checkpoints. */
    public record State(JsonObject header, List<JsonObject> events, List<JsonObject> checkpoints) {
        public String sessionId() {
            return header.string("session_id").orElse("");
        }

        public String runId() {
            return header.string("run_id").orElse("");
        }

        public long lastSequence() {
            long last = events.isEmpty() ? 0 : number(events.getLast(), "sequence");
            return Math.max(last, lastCheckpointEnd());
        }

        public long lastCheckpointEnd() {
            return checkpoints.isEmpty() ? 0 : number(checkpoints.getLast(), "sequence_end");
        }

        /** Events not yet covered by a checkpoint. */
        public List<JsonObject> pendingEvents() {
            long end = lastCheckpointEnd();
            return events.stream().filter(e -> number(e, "sequence") > end).toList();
        }
    }

    /** What {@code append} records about one tool call decision. */
    public record EventInput(String toolName, String verdict, String intentId, String traceId, String tracePath,
                             String intentDigest, String policyDigest, List<String> reasonCodes, List<String> violations) {}

    /** Starts a journal; starting again with the same ids is a no-op, with other ids an error. */
    public static State start(Path journal, String sessionId, String runId, Clock clock, SessionLock.Profile profile) {
        if (sessionId.isBlank() || runId.isBlank()) {
            throw GaitException.invalidInput("session start needs --session-id and --run-id");
        }
        try (SessionLock ignored = SessionLock.acquire(journal, profile, clock)) {
            if (Files.exists(journal)) {
                State state = read(journal);
                if (!state.sessionId().equals(sessionId) || !state.runId().equals(runId)) {
                    throw GaitException.invalidInput("journal " + journal + " belongs to session " + state.sessionId()
                            + " / run " + state.runId());
                }
                return state;
            }
            String now = GoTime.formatUtc(clock.instant());
            JsonObject header = JsonObject.builder()
                    .put("schema_id", JOURNAL_SCHEMA)
                    .put("schema_version", "1.0.0")
                    .put("created_at", now)
                    .put("producer_version", GaitVersion.current())
                    .put("session_id", sessionId)
                    .put("run_id", runId)
                    .put("started_at", now)
                    .put("events", JsonArray.EMPTY)
                    .build();
            AtomicFiles.write(journal, line("header", header));
            return new State(header, List.of(), List.of());
        }
    }

    /** Appends one event with the next sequence number. */
    public static JsonObject append(Path journal, EventInput input, Clock clock, SessionLock.Profile profile) {
        if (input.toolName().isBlank()) {
            throw GaitException.invalidInput("session append needs --tool");
        }
        if (!VERDICTS.contains(input.verdict())) {
            throw GaitException.invalidInput("unsupported --verdict " + input.verdict() + " (expected allow, block, dry_run or require_approval)");
        }
        String intentDigest = checkedDigest("--intent-digest", input.intentDigest());
        String policyDigest = checkedDigest("--policy-digest", input.policyDigest());
        try (SessionLock ignored = SessionLock.acquire(journal, profile, clock)) {
            State state = read(journal);
            JsonObject event = JsonObject.builder()
                    .put("schema_id", EVENT_SCHEMA)
                    .put("schema_version", "1.0.0")
                    .put("created_at", GoTime.formatUtc(clock.instant()))
                    .put("producer_version", GaitVersion.current())
                    .put("session_id", state.sessionId())
                    .put("run_id", state.runId())
                    .put("sequence", state.lastSequence() + 1)
                    .putOmitEmpty("intent_id", input.intentId())
                    .put("tool_name", input.toolName())
                    .putOmitEmpty("intent_digest", intentDigest)
                    .putOmitEmpty("policy_digest", policyDigest)
                    .putOmitEmpty("trace_id", input.traceId())
                    .putOmitEmpty("trace_path", input.tracePath())
                    .put("verdict", input.verdict())
                    .putStringsOmitEmpty("reason_codes", sortedUnique(input.reasonCodes()))
                    .putStringsOmitEmpty("violations", sortedUnique(input.violations()))
                    .put("relationship", relationship(state.sessionId(), input.toolName(), policyDigest))
                    .build();
            appendLine(journal, line("event", event), profile.durable());
            return event;
        }
    }

    /** Reads and checks a journal: one leading header, matching ids, contiguous sequences, linked checkpoints. */
    public static State read(Path journal) {
        String text = new String(InputFiles.read(journal, Integer.MAX_VALUE - 16), StandardCharsets.UTF_8);
        JsonObject header = null;
        List<JsonObject> events = new ArrayList<>();
        List<JsonObject> checkpoints = new ArrayList<>();
        long expected = 1;
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String where = journal + " line " + lineNumber;
            JsonObject record = parse(line, where);
            String type = record.string("record_type").orElse("");
            JsonObject body = record.object(type).orElseThrow(() -> GaitException.invalidInput(where + ": record without its " + type + " object"));
            if (header == null) {
                if (!type.equals("header")) {
                    throw GaitException.invalidInput(where + ": a journal starts with its header");
                }
                requireSchema(body, JOURNAL_SCHEMA, where);
                header = body;
                continue;
            }
            requireIds(body, header, where);
            switch (type) {
                case "event" -> {
                    requireSchema(body, EVENT_SCHEMA, where);
                    if (number(body, "sequence") != expected) {
                        throw GaitException.invalidInput(where + ": event sequence " + number(body, "sequence") + ", expected " + expected);
                    }
                    expected++;
                    events.add(body);
                }
                case "checkpoint" -> {
                    requireSchema(body, CHECKPOINT_SCHEMA, where);
                    List<String> problems = SessionChain.linkageProblems(checkpoints.isEmpty() ? null : checkpoints.getLast(), body);
                    if (!problems.isEmpty()) {
                        throw GaitException.invalidInput(where + ": " + String.join("; ", problems));
                    }
                    // a compacted journal holds checkpoints before any event and resumes after the last one
                    boolean compacted = events.isEmpty();
                    if (!compacted && number(body, "sequence_end") >= expected) {
                        throw GaitException.invalidInput(where + ": checkpoint covers events not in the journal");
                    }
                    checkpoints.add(body);
                    if (compacted) {
                        expected = number(body, "sequence_end") + 1;
                    }
                }
                case "header" -> throw GaitException.invalidInput(where + ": a journal has one header");
                default -> throw GaitException.invalidInput(where + ": unknown record_type " + type);
            }
        }
        if (header == null) {
            throw GaitException.invalidInput("journal " + journal + " is empty");
        }
        return new State(header, events, checkpoints);
    }

    /** Appends a checkpoint record (the caller holds the lock). */
    static void appendCheckpoint(Path journal, JsonObject checkpoint, boolean durable) {
        appendLine(journal, line("checkpoint", checkpoint), durable);
    }

    /** Rewrites a journal keeping the header, all checkpoints and the events after the last checkpoint. */
    public record Compaction(int eventsBefore, int eventsAfter, long bytesBefore, long bytesAfter, int checkpoints) {}

    public static Compaction compact(Path journal, Path out, boolean dryRun, Clock clock, SessionLock.Profile profile) {
        try (SessionLock ignored = SessionLock.acquire(journal, profile, clock)) {
            State state = read(journal);
            List<JsonObject> kept = state.pendingEvents();
            StringBuilder text = new StringBuilder(new String(line("header", state.header()), StandardCharsets.UTF_8));
            state.checkpoints().forEach(c -> text.append(new String(line("checkpoint", c), StandardCharsets.UTF_8)));
            kept.forEach(e -> text.append(new String(line("event", e), StandardCharsets.UTF_8)));
            byte[] compacted = text.toString().getBytes(StandardCharsets.UTF_8);
            long before = size(journal);
            if (!dryRun) {
                AtomicFiles.write(out, compacted);
            }
            return new Compaction(state.events().size(), kept.size(), before, compacted.length, state.checkpoints().size());
        }
    }

    static byte[] line(String type, JsonObject body) {
        JsonObject record = JsonObject.builder().put("record_type", type).put(type, body).build();
        return (JsonWriter.GO_STRUCT.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void appendLine(Path journal, byte[] line, boolean durable) {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable) {
                channel.force(true);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw GaitException.invalidInput("journal not found: " + journal + " (run gait run session start first)", e);
        } catch (IOException e) {
            throw GaitException.io("cannot append to " + journal + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject relationship(String sessionId, String tool, String policyDigest) {
        List<JsonValue> edges = new ArrayList<>();
        edges.add(edge("calls", "session", sessionId, "tool", tool));
        if (!policyDigest.isEmpty()) {
            edges.add(edge("governed_by", "tool", tool, "policy", policyDigest));
        }
        return JsonObject.builder()
                .put("parent_ref", ref("session", sessionId))
                .put("edges", new JsonArray(edges))
                .build();
    }

    private static JsonObject edge(String kind, String fromKind, String fromId, String toKind, String toId) {
        return JsonObject.builder().put("kind", kind).put("from", ref(fromKind, fromId)).put("to", ref(toKind, toId)).build();
    }

    private static JsonObject ref(String kind, String id) {
        return JsonObject.builder().put("kind", kind).put("id", id).build();
    }

    private static String checkedDigest(String flag, String digest) {
        String lower = digest.strip().toLowerCase(Locale.ROOT);
        if (!lower.isEmpty() && !Digests.isSha256Hex(lower)) {
            throw GaitException.invalidInput(flag + " must be a SHA-256 hex digest");
        }
        return lower;
    }

    private static List<String> sortedUnique(List<String> values) {
        TreeSet<String> set = new TreeSet<>();
        values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(set::add);
        return List.copyOf(set);
    }

    private static JsonObject parse(String line, String where) {
        try {
            return JsonReader.lenient().readObject(line.getBytes(StandardCharsets.UTF_8));
        } catch (JsonException e) {
            throw GaitException.invalidInput(where + ": " + e.getMessage(), e);
        }
    }

    private static void requireSchema(JsonObject body, String schemaId, String where) {
        if (!body.string("schema_id").orElse("").equals(schemaId) || !body.string("schema_version").orElse("").equals("1.0.0")) {
            throw GaitException.invalidInput(where + ": expected a " + schemaId + " 1.0.0 record");
        }
    }

    private static void requireIds(JsonObject body, JsonObject header, String where) {
        if (!body.string("session_id").equals(header.string("session_id")) || !body.string("run_id").equals(header.string("run_id"))) {
            throw GaitException.invalidInput(where + ": record belongs to another session or run");
        }
    }

    static long number(JsonObject json, String key) {
        return json.get(key).filter(JsonNumber.class::isInstance).map(v -> (long) ((JsonNumber) v).value()).orElse(0L);
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw GaitException.io("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
