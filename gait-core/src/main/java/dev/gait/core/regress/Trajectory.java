package dev.gait.core.regress;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.runpack.RunpackReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's trajectory as regress compares it: the tool names of its intents in order, and one
 * verdict per result ({@code allow}, {@code block}, {@code require_approval}, {@code dry_run} or
 * {@code error}), taken from the result's {@code verdict} when it names one, else from its status.
 */
public final class Trajectory {

    static final String MISSING = "<missing>";

    private Trajectory() {}

    static List<String> toolSequence(RunpackReader.Records records) {
        return normalized(records.intents().stream().map(intent -> intent.string("tool_name").orElse("")).toList());
    }

    static List<String> verdictSequence(RunpackReader.Records records) {
        return records.results().stream().map(Trajectory::verdict).toList();
    }

    private static String verdict(JsonObject result) {
        return recordedVerdict(result.string("status").orElse(""), result.object("result").orElse(null));
    }

    /**
     * The verdict a recorded result stands for, as Gait v1 reads it: the payload's {@code verdict}
     * when it names one, else the status; {@code error} for anything else.
     *
     * @param payload the result payload, or null when it was not captured
     */
    public static String recordedVerdict(String status, JsonObject payload) {
        String stated = payload == null ? "" : payload.get("verdict")
                .map(value -> value instanceof JsonString text ? normalizeVerdict(text.value()) : "")
                .orElse("");
        if (!stated.isEmpty()) {
            return stated;
        }
        return switch (GoStrings.trimSpace(status).toLowerCase(Locale.ROOT)) {
            case "ok", "pass", "passed", "success" -> "allow";
            case "block", "blocked", "deny", "denied" -> "block";
            case "require_approval", "approval_required", "needs_approval" -> "require_approval";
            case "dry_run", "dry-run", "dryrun", "simulate", "simulated" -> "dry_run";
            default -> "error";
        };
    }

    /** The verdict a spelling names ({@code "Needs approval"} is {@code require_approval}); empty when none. */
    static String normalizeVerdict(String text) {
        String spelling = GoStrings.trimSpace(text).toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return switch (spelling) {
            case "allow", "ok", "pass", "passed", "success" -> "allow";
            case "block", "blocked", "deny", "denied" -> "block";
            case "require_approval", "approval_required", "needs_approval", "needsapproval" -> "require_approval";
            case "dry_run", "dryrun", "simulate", "simulated" -> "dry_run";
            case "error", "failed", "failure" -> "error";
            default -> "";
        };
    }

    /** Expected verdicts as written in a fixture, normalized; a spelling that names no verdict is invalid. */
    static List<String> normalizeVerdicts(List<String> verdicts, String document) {
        List<String> normalized = new ArrayList<>();
        for (String verdict : normalized(verdicts)) {
            String known = normalizeVerdict(verdict);
            if (known.isEmpty()) {
                throw GaitException.invalidInput(
                        "fixture expected_verdict_sequence invalid: invalid verdict \"" + verdict + "\" (" + document + ")");
            }
            normalized.add(known);
        }
        return normalized;
    }

    /** Trimmed, without blank entries. */
    static List<String> normalized(List<String> values) {
        return values.stream().map(GoStrings::trimSpace).filter(value -> !value.isEmpty()).toList();
    }

    /** Where two sequences first differ; a side that has ended reads {@value #MISSING}. */
    record Mismatch(int index, String expected, String actual) {}

    static Optional<Mismatch> firstMismatch(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : MISSING;
            String got = i < actual.size() ? actual.get(i) : MISSING;
            if (!want.equals(got)) {
                return Optional.of(new Mismatch(i, want, got));
            }
        }
        return Optional.empty();
    }
}
