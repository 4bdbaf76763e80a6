package dev.gait.core.adoption;

import dev.gait.core.canon.GoPlatform;
import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * One {@code gait.scout.adoption_event}: which command ran, whether it succeeded, how long it took,
 * and the activation milestones a success earns (demo A1, verify A2, regress init A3, regress run A4).
 * It carries no arguments, paths, user, host or repository: only the command's name and the platform.
 */
public record AdoptionEvent(Instant createdAt, String producerVersion, String command, String workflowId, boolean success,
                            int exitCode, long elapsedMs, List<String> milestones, String os, String arch) {
    public static final String SCHEMA_ID = "gait.scout.adoption_event";
    public static final String SCHEMA_VERSION = "1.0.0";
    public static final List<String> MILESTONES = List.of("A1", "A2", "A3", "A4", "E1", "E2", "E3");

    public AdoptionEvent {
        milestones = List.copyOf(new TreeSet<>(milestones));
    }

    /**
     * The event for one invocation. A help or explain request ({@code earnsMilestones} false) is
     * recorded but earns no milestone: reading how to run a command is not running it.
     */
    public static AdoptionEvent of(String command, int exitCode, Duration elapsed, String producerVersion, Instant now,
                                   String workflowId, boolean earnsMilestones) {
        boolean success = exitCode == 0;
        return new AdoptionEvent(now, producerVersion, command, workflowId.strip(), success, exitCode, Math.max(0, elapsed.toMillis()),
                success && earnsMilestones ? milestonesOf(command) : List.of(), GoPlatform.os(), GoPlatform.arch());
    }

    static List<String> milestonesOf(String command) {
        if (command.equals("demo")) {
            return List.of("A1");
        }
        if (command.equals("verify") || command.startsWith("verify ")) {
            return List.of("A2");
        }
        return switch (command) {
            case "regress init" -> List.of("A3");
            case "regress run" -> List.of("A4");
            default -> List.of();
        };
    }

    /** The event as v1 writes it: struct field order, one line. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", SCHEMA_VERSION)
                .put("created_at", GoTime.formatUtc(createdAt))
                .put("producer_version", producerVersion)
                .put("command", command)
                .putOmitEmpty("workflow_id", workflowId)
                .put("success", success)
                .put("exit_code", exitCode)
                .put("elapsed_ms", elapsedMs)
                .putStringsOmitEmpty("milestones", milestones)
                .put("environment", JsonObject.builder().put("os", os).put("arch", arch).build())
                .build();
    }

    /** Reads one logged event, as v1 normalises it: defaults for schema fields, required fields checked, milestones sorted. */
    static AdoptionEvent fromJson(JsonObject json) {
        String schemaId = json.string("schema_id").orElse("").strip();
        if (!schemaId.isEmpty() && !schemaId.equals(SCHEMA_ID)) {
            throw new IllegalArgumentException("unsupported schema_id \"" + schemaId + "\"");
        }
        String schemaVersion = json.string("schema_version").orElse("").strip();
        if (!schemaVersion.isEmpty() && !schemaVersion.equals(SCHEMA_VERSION)) {
            throw new IllegalArgumentException("unsupported schema_version \"" + schemaVersion + "\"");
        }
        String createdAt = json.string("created_at").orElseThrow(() -> new IllegalArgumentException("created_at is required"));
        String command = json.string("command").orElse("").strip();
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is required");
        }
        long exitCode = integer(json, "exit_code");
        if (exitCode < 0 || exitCode > 255) {
            throw new IllegalArgumentException("exit_code must be within 0..255");
        }
        JsonObject environment = json.object("environment").orElse(JsonObject.EMPTY);
        String os = environment.string("os").orElse("").strip();
        String arch = environment.string("arch").orElse("").strip();
        if (os.isEmpty() || arch.isEmpty()) {
            throw new IllegalArgumentException("environment.os and environment.arch are required");
        }
        List<String> milestones = json.array("milestones").map(array -> array.elements().stream()
                .map(value -> value instanceof JsonString text ? text.value().strip() : "")
                .filter(name -> !name.isEmpty()).toList()).orElse(List.of());
        String producer = json.string("producer_version").orElse("").strip();
        return new AdoptionEvent(GoTime.parse(createdAt).toInstant(), producer.isEmpty() ? "0.0.0-dev" : producer, command,
                json.string("workflow_id").orElse("").strip(), json.get("success").map(v -> v == JsonBoolean.TRUE).orElse(false),
                (int) exitCode, Math.max(0, integer(json, "elapsed_ms")), milestones, os, arch);
    }

    private static long integer(JsonObject json, String key) {
        JsonValue value = json.get(key).orElse(new JsonNumber(0));
        if (!(value instanceof JsonNumber number) || number.value() != Math.rint(number.value())) {
            throw new IllegalArgumentException(key + " must be an integer");
        }
        return (long) number.value();
    }
}
