package dev.gait.core.gate;

import static dev.gait.core.gate.RuleMatcher.text;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Kill-switch state ({@code gait.gate.kill_switch_state}): entries that stop matching calls at
 * once, whatever the policy says. An enabled, unexpired entry matches when every selector it sets
 * matches (agent, identity, tool, environment, target, path prefix, workspace prefix); an entry
 * with no selector stops everything.
 */
public record KillSwitch(List<JsonObject> entries) {
    public static final String SCHEMA_ID = "gait.gate.kill_switch_state";

    public static KillSwitch load(Path path) {
        return parse(InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES), path);
    }

    /** Reads kill-switch state from the bytes of the file at {@code path}. */
    public static KillSwitch parse(byte[] content, Path path) {
        JsonObject state;
        try {
            state = JsonReader.strict().readObject(content);
        } catch (JsonException e) {
            throw GaitException.invalidInput("kill switch state " + path + ": " + e.getMessage(), e);
        }
        return fromState(state, path.toString());
    }

    /** Reads kill-switch state already parsed, e.g. carried inside a fleet bundle; {@code source} names it in errors. */
    public static KillSwitch fromState(JsonObject state, String source) {
        if (!state.string("schema_id").orElse("").equals(SCHEMA_ID)) {
            throw GaitException.invalidInput("kill switch state " + source + " is not a " + SCHEMA_ID);
        }
        List<JsonObject> entries = new ArrayList<>();
        for (JsonValue value : state.array("entries").orElse(JsonArray.EMPTY).elements()) {
            if (!(value instanceof JsonObject entry) || text(entry, "entry_id").isBlank() || text(entry, "created_at").isBlank()) {
                throw GaitException.invalidInput("kill switch state " + source + ": every entry needs entry_id and created_at");
            }
            entries.add(entry);
        }
        entries.sort(Comparator.comparing(e -> text(e, "entry_id"), GoStrings.BYTE_ORDER));
        return new KillSwitch(entries);
    }

    /** The kill-switch decision for an intent at a time. */
    public record Match(List<String> reasonCodes, List<String> entryIds) {
        public boolean active() {
            return !entryIds.isEmpty();
        }

        JsonObject toJson(Instant evaluatedAt) {
            if (!active()) {
                return JsonObject.builder().put("status", "inactive").build();
            }
            String specific = reasonCodes.stream().filter(c -> !c.equals("kill_switch_active")).findFirst().orElse("kill_switch_active");
            return JsonObject.builder()
                    .put("status", "active")
                    .putStrings("reason_codes", reasonCodes)
                    .put("reason_code", specific)
                    .putStrings("matched_entry_ids", entryIds)
                    .put("evaluated_at", GoTime.formatUtc(evaluatedAt))
                    .build();
        }
    }

    public Match match(NormalizedIntent intent, Instant now) {
        Set<String> codes = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>();
        List<Target> targets = new ArrayList<>(intent.targets());
        List<String> tools = new ArrayList<>(List.of(intent.toolName()));
        for (NormalizedIntent step : intent.steps()) {
            targets.addAll(step.targets());
            tools.add(step.toolName());
        }
        for (JsonObject entry : entries) {
            if (!RuleMatcher.flag(entry, "enabled") || expired(entry, now)) {
                continue;
            }
            List<String> entryCodes = matchEntry(entry, intent.context(), tools, targets);
            if (entryCodes != null) {
                ids.add(text(entry, "entry_id"));
                codes.add("kill_switch_active");
                codes.addAll(entryCodes);
            }
        }
        return new Match(Decision.sorted(new ArrayList<>(codes)), ids);
    }

    /** The per-selector reason codes when the entry matches, or null when it does not. */
    private static List<String> matchEntry(JsonObject entry, JsonObject context, List<String> tools, List<Target> targets) {
        List<String> codes = new ArrayList<>();
        String agentId = text(entry, "agent_id");
        if (!agentId.isEmpty()) {
            if (!agentId.equals(text(context, "agent_id"))) {
                return null;
            }
            codes.add("kill_switch_agent_id_active");
        }
        String identity = text(entry, "identity");
        if (!identity.isEmpty()) {
            if (!identity.equals(text(context, "identity"))) {
                return null;
            }
            codes.add("kill_switch_identity_active");
        }
        String tool = text(entry, "tool_name").strip().toLowerCase(Locale.ROOT);
        if (!tool.isEmpty()) {
            // Gait v1 never matches a tool selector on a script (its tool is "script"); steps count here
            if (!tools.contains(tool)) {
                return null;
            }
            codes.add("kill_switch_tool_name_active");
        }
        String environment = text(entry, "environment").strip().toLowerCase(Locale.ROOT);
        if (!environment.isEmpty()) {
            if (!environment.equals(text(context, "environment").toLowerCase(Locale.ROOT))) {
                return null;
            }
            codes.add("kill_switch_environment_active");
        }
        String kind = text(entry, "target_kind").strip().toLowerCase(Locale.ROOT);
        String value = text(entry, "target_value").strip();
        if (!kind.isEmpty() || !value.isEmpty()) {
            boolean hit = targets.stream().anyMatch(t -> (kind.isEmpty() || t.kind().equals(kind)) && (value.isEmpty() || t.value().equals(value)));
            if (!hit) {
                return null;
            }
            codes.add("kill_switch_target_active");
        }
        List<String> paths = RuleMatcher.strings(entry, "path_prefixes");
        if (!paths.isEmpty()) {
            boolean hit = targets.stream().anyMatch(t -> t.kind().equals("path") && paths.stream().anyMatch(p -> underPrefix(t.value(), p)));
            if (!hit) {
                return null;
            }
            codes.add("kill_switch_path_active");
        }
        List<String> workspaces = RuleMatcher.strings(entry, "workspace_prefixes");
        if (!workspaces.isEmpty()) {
            if (workspaces.stream().noneMatch(p -> underPrefix(text(context, "workspace"), p))) {
                return null;
            }
            codes.add("kill_switch_workspace_active");
        }
        return codes;
    }

    /**
     * Exact, or below the prefix segment by segment ({@code /repo} covers {@code /repo/x}, not
     * {@code /repository}); a prefix ending in {@code /} is a plain prefix. Rules, kill switches and
     * approved scripts all compare workspaces and paths this way.
     */
    static boolean underPrefix(String value, String prefix) {
        if (prefix.endsWith("/")) {
            return value.startsWith(prefix);
        }
        return value.equals(prefix) || value.startsWith(prefix + "/");
    }

    private static boolean expired(JsonObject entry, Instant now) {
        String expires = text(entry, "expires_at");
        if (expires.isBlank()) {
            return false;
        }
        try {
            return !GoTime.parse(expires).toInstant().isAfter(now);
        } catch (IllegalArgumentException e) {
            return false; // an unreadable expiry keeps the switch on
        }
    }
}
