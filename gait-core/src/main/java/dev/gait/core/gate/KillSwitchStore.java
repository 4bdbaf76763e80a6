package dev.gait.core.gate;

import static dev.gait.core.gate.RuleMatcher.text;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.digest.Ids;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.fs.LockFile;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.version.GaitVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Writes kill-switch state ({@code gait.gate.kill_switch_state}) and its journal. Every change
 * reads, edits and atomically replaces the state file under a lock beside it, so concurrent
 * operators and gate evaluations never see a torn file or lose an entry.
 */
public final class KillSwitchStore {
    private static final LockFile.Timing LOCK_TIMING = RateLimiter.LOCK_TIMING;

    private KillSwitchStore() {}

    /** The selectors and notes of a new entry; empty strings and lists are unset. */
    public record EntrySpec(String entryId, String agentId, String identity, String toolName, String targetKind, String targetValue,
                            String environment, List<String> pathPrefixes, List<String> workspacePrefixes, String reason,
                            String actor, Duration ttl) {}

    /** Adds an enabled entry and returns it; an entry needs at least one selector or an explicit id. */
    public static JsonObject add(Path state, EntrySpec spec, Clock clock) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String tool = spec.toolName().strip().toLowerCase(Locale.ROOT);
        String kind = spec.targetKind().strip().toLowerCase(Locale.ROOT);
        String environment = spec.environment().strip().toLowerCase(Locale.ROOT);
        if (!kind.isEmpty() && !GateVocabulary.TARGET_KINDS.contains(kind)) {
            throw GaitException.invalidInput("unknown target kind " + kind + "; one of " + new TreeSet<>(GateVocabulary.TARGET_KINDS));
        }
        List<String> paths = sortedClean(spec.pathPrefixes(), String::strip);
        List<String> workspaces = sortedClean(spec.workspacePrefixes(), p -> GoPaths.clean(p.strip()));
        boolean hasSelector = !(spec.agentId().isBlank() && spec.identity().isBlank() && tool.isEmpty() && kind.isEmpty()
                && spec.targetValue().isBlank() && environment.isEmpty() && paths.isEmpty() && workspaces.isEmpty());
        if (!hasSelector && spec.entryId().isBlank()) {
            throw GaitException.invalidInput("a kill-switch entry needs a selector (or an explicit --entry-id, which stops every call)");
        }
        if (spec.ttl() != null && (spec.ttl().isNegative() || spec.ttl().isZero())) {
            throw GaitException.invalidInput("kill-switch ttl must be positive");
        }
        String createdAt = GoTime.format(now);
        String entryId = spec.entryId().isBlank()
                ? Ids.h12(String.join("\u0000", spec.agentId().strip(), spec.identity().strip(), tool, kind, spec.targetValue().strip(),
                        environment, String.join(",", paths), String.join(",", workspaces), spec.reason().strip(), createdAt))
                : spec.entryId().strip();
        JsonObject entry = JsonObject.builder()
                .put("entry_id", entryId)
                .put("enabled", true)
                .putOmitEmpty("agent_id", spec.agentId().strip())
                .putOmitEmpty("identity", spec.identity().strip())
                .putOmitEmpty("tool_name", tool)
                .putOmitEmpty("target_kind", kind)
                .putOmitEmpty("target_value", spec.targetValue().strip())
                .putOmitEmpty("environment", environment)
                .putStringsOmitEmpty("path_prefixes", paths)
                .putStringsOmitEmpty("workspace_prefixes", workspaces)
                .putOmitEmpty("reason", spec.reason().strip())
                .putOmitEmpty("actor", spec.actor().strip())
                .put("created_at", createdAt)
                .putOmitEmpty("expires_at", spec.ttl() == null ? "" : GoTime.format(now.plus(spec.ttl())))
                .build();
        edit(state, clock, entries -> {
            if (entries.stream().anyMatch(e -> text(e, "entry_id").equals(entryId))) {
                throw GaitException.invalidInput("kill-switch entry " + entryId + " already exists");
            }
            entries.add(entry);
        });
        return entry;
    }

    /** Turns an entry off ({@code enabled: false}). */
    public static JsonObject disable(Path state, String entryId, Clock clock) {
        return change(state, entryId, clock, e -> e.toBuilder().put("enabled", false).build());
    }

    /** Ends an entry now ({@code expires_at} = now), keeping it for the record. */
    public static JsonObject expire(Path state, String entryId, Clock clock) {
        String now = GoTime.format(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        return change(state, entryId, clock, e -> e.toBuilder().put("expires_at", now).build());
    }

    /** The state document, or a new empty one when the file does not exist yet. */
    public static JsonObject read(Path state, Clock clock) {
        if (!Files.exists(state)) {
            String now = GoTime.format(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            return document(now, now, List.of());
        }
        KillSwitch.load(state); // the same validation gate eval applies
        try {
            return JsonReader.strict().readObject(InputFiles.read(state, InputFiles.DEFAULT_MAX_BYTES));
        } catch (JsonException e) {
            throw GaitException.invalidInput("kill switch state " + state + ": " + e.getMessage(), e);
        }
    }

    /** Appends one line to {@code kill_switch_journal.jsonl} beside the state file, under the state lock. */
    public static void appendJournal(Path state, JsonObject line, Clock clock) {
        Path journal = state.resolveSibling("kill_switch_journal.jsonl");
        try (LockFile ignored = lock(state, clock)) {
            Files.write(journal, (JsonWriter.GO_STRUCT.write(line) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw GaitException.io("kill switch journal " + journal + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject change(Path state, String entryId, Clock clock, UnaryOperator<JsonObject> update) {
        JsonObject[] changed = new JsonObject[1];
        edit(state, clock, entries -> {
            for (int i = 0; i < entries.size(); i++) {
                if (text(entries.get(i), "entry_id").equals(entryId.strip())) {
                    changed[0] = update.apply(entries.get(i));
                    entries.set(i, changed[0]);
                    return;
                }
            }
            throw GaitException.invalidInput("no kill-switch entry " + entryId.strip());
        });
        return changed[0];
    }

    private static void edit(Path state, Clock clock, java.util.function.Consumer<List<JsonObject>> edit) {
        try (LockFile ignored = lock(state, clock)) {
            JsonObject current = read(state, clock);
            List<JsonObject> entries = new ArrayList<>();
            for (JsonValue value : current.array("entries").orElse(JsonArray.EMPTY).elements()) {
                entries.add((JsonObject) value);
            }
            edit.accept(entries);
            entries.sort(Comparator.comparing(e -> text(e, "entry_id"), GoStrings.BYTE_ORDER));
            String now = GoTime.format(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            JsonObject next = document(text(current, "created_at"), now, entries);
            AtomicFiles.write(state, (JsonWriter.GO_STRUCT_INDENTED.write(next) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static LockFile lock(Path state, Clock clock) {
        try {
            Files.createDirectories(state.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw GaitException.io("kill switch state directory: " + e.getMessage(), e);
        }
        return LockFile.acquire(state.resolveSibling(state.getFileName() + ".lock"), "gait.gate.kill_switch_lock", LOCK_TIMING, clock,
                "kill_switch_lock_timeout");
    }

    private static JsonObject document(String createdAt, String updatedAt, List<JsonObject> entries) {
        return JsonObject.builder()
                .put("schema_id", KillSwitch.SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", createdAt)
                .put("updated_at", updatedAt)
                .put("producer_version", GaitVersion.current())
                .put("entries", new JsonArray(new ArrayList<JsonValue>(entries)))
                .build();
    }

    private static List<String> sortedClean(List<String> values, UnaryOperator<String> clean) {
        TreeSet<String> out = new TreeSet<>(GoStrings.BYTE_ORDER);
        values.stream().filter(v -> !v.isBlank()).map(clean).forEach(out::add);
        return List.copyOf(out);
    }
}
