package dev.gait.core.session;

import dev.gait.core.canon.JsonWriter;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpoint chain of a session ({@code gait.runpack.session_chain}): each checkpoint names the
 * runpack of its events and links to the previous checkpoint through
 * {@code checkpoint_digest = sha256("<manifest_digest>:<prev_checkpoint_digest>:<index>:<start>:<end>")}.
 */
public final class SessionChain {
    public static final String SCHEMA_ID = "gait.runpack.session_chain";

    private SessionChain() {}

    /** The checkpoint digest (a plain string hash, not JCS). */
    public static String checkpointDigest(String manifestDigest, String previousDigest, long index, long start, long end) {
        return Digests.sha256Hex(manifestDigest + ":" + previousDigest + ":" + index + ":" + start + ":" + end);
    }

    /** What is wrong with how {@code checkpoint} follows {@code previous} (null for the first); empty when linked. */
    public static List<String> linkageProblems(JsonObject previous, JsonObject checkpoint) {
        List<String> problems = new ArrayList<>();
        long index = SessionJournal.number(checkpoint, "checkpoint_index");
        long start = SessionJournal.number(checkpoint, "sequence_start");
        long end = SessionJournal.number(checkpoint, "sequence_end");
        long expectedIndex = previous == null ? 1 : SessionJournal.number(previous, "checkpoint_index") + 1;
        String expectedPrevious = previous == null ? "" : previous.string("checkpoint_digest").orElse("");
        String label = "checkpoint " + index;
        if (index != expectedIndex) {
            problems.add(label + ": index should be " + expectedIndex);
        }
        if (!checkpoint.string("prev_checkpoint_digest").orElse("").equals(expectedPrevious)) {
            problems.add(label + ": prev_checkpoint_digest does not match the previous checkpoint");
        }
        if (previous != null && start <= SessionJournal.number(previous, "sequence_end")) {
            problems.add(label + ": sequence_start overlaps the previous checkpoint");
        }
        if (start < 1 || end < start) {
            problems.add(label + ": invalid sequence range " + start + "-" + end);
        }
        String recomputed = checkpointDigest(checkpoint.string("manifest_digest").orElse(""), expectedPrevious, index, start, end);
        if (!recomputed.equals(checkpoint.string("checkpoint_digest").orElse(""))) {
            problems.add(label + ": checkpoint_digest does not match its contents");
        }
        return problems;
    }

    /** The chain file of a session state, indented JSON plus a newline. */
    public static byte[] render(SessionJournal.State state) {
        JsonObject last = state.checkpoints().getLast();
        JsonObject chain = JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", last.string("created_at").orElse(""))
                .put("producer_version", last.string("producer_version").orElse(""))
                .put("session_id", state.sessionId())
                .put("run_id", state.runId())
                .put("checkpoints", new JsonArray(List.<JsonValue>copyOf(state.checkpoints())))
                .build();
        return (JsonWriter.GO_STRUCT_INDENTED.write(chain) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static void write(Path path, SessionJournal.State state) {
        AtomicFiles.write(path, render(state));
    }

    /** {@code <dir>/<journal name without extension>_chain.json}. */
    public static Path defaultPath(Path journal) {
        String name = journal.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return journal.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "_chain.json");
    }

    /** Reads a chain file; it must be a session chain with at least one checkpoint. */
    public static JsonObject read(Path path) {
        JsonObject chain;
        try {
            chain = JsonReader.strict().readObject(InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES));
        } catch (dev.gait.core.json.JsonException e) {
            throw GaitException.invalidInput(path + ": " + e.getMessage(), e);
        }
        if (!chain.string("schema_id").orElse("").equals(SCHEMA_ID)) {
            throw GaitException.invalidInput(path + " is not a " + SCHEMA_ID);
        }
        if (chain.array("checkpoints").map(JsonArray::isEmpty).orElse(true)) {
            throw GaitException.invalidInput(path + " has no checkpoints");
        }
        return chain;
    }

    /** The checkpoint {@code which} names: {@code latest}, or a {@code checkpoint_index}. */
    public static JsonObject checkpoint(JsonObject chain, String which) {
        List<JsonObject> checkpoints = checkpoints(chain);
        if (which.equals("latest")) {
            return checkpoints.getLast();
        }
        long index;
        try {
            index = Long.parseLong(which);
        } catch (NumberFormatException e) {
            throw GaitException.invalidInput("--checkpoint must be latest or a checkpoint index");
        }
        return checkpoints.stream()
                .filter(checkpoint -> checkpoint.get("checkpoint_index").map(v -> v.equals(new JsonNumber(index))).orElse(false))
                .findFirst()
                .orElseThrow(() -> GaitException.invalidInput("session chain has no checkpoint " + which));
    }

    public static List<JsonObject> checkpoints(JsonObject chain) {
        List<JsonObject> checkpoints = new ArrayList<>();
        for (JsonValue value : chain.array("checkpoints").orElse(JsonArray.EMPTY).elements()) {
            if (!(value instanceof JsonObject checkpoint)) {
                throw GaitException.invalidInput("session chain checkpoints must be objects");
            }
            checkpoints.add(checkpoint);
        }
        return checkpoints;
    }
}
