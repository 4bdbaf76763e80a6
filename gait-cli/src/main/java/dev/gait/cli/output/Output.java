package dev.gait.cli.output;

import dev.gait.cli.Invocation;
import dev.gait.core.digest.Ids;
import dev.gait.core.error.ExitCode;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.json.JsonObject;
import java.util.List;

/**
 * The CLI's output contract. JSON output is one compact line with keys sorted at every depth,
 * always carrying {@code ok} and {@code correlation_id}; failures use the error envelope whose
 * {@code error_code}, {@code error_category}, {@code retryable} and {@code hint} follow from the
 * exit code. Text output is {@code key=value} lines. Everything goes to standard output.
 */
public final class Output {
    private final Invocation invocation;
    private final boolean json;

    public Output(Invocation invocation) {
        this.invocation = invocation;
        this.json = invocation.wantsJson();
    }

    public boolean json() {
        return json;
    }

    /** Prints a successful result: the JSON envelope, or the text lines. */
    public int success(JsonObject payload, List<String> textLines) {
        if (json) {
            printJson(payload.toBuilder().put("ok", true));
        } else {
            textLines.forEach(invocation.out()::println);
        }
        return ExitCode.OK.code();
    }

    /**
     * Prints a result that carries its own {@code ok} and exit code (e.g. a failed verification).
     * A payload with an {@code error} member gets the rest of the error envelope.
     */
    public int result(boolean ok, ExitCode exitCode, JsonObject payload, List<String> textLines) {
        if (json) {
            JsonObject.Builder envelope = payload.toBuilder().put("ok", ok);
            if (payload.string("error").filter(e -> !e.isEmpty()).isPresent()) {
                addErrorFields(envelope, exitCode, false);
            }
            printJson(envelope);
        } else {
            textLines.forEach(invocation.out()::println);
        }
        return exitCode.code();
    }

    /** Prints the error envelope (or {@code error: message}) and returns the exit code. */
    public int error(ExitCode exitCode, String message, boolean retryable) {
        if (json) {
            JsonObject.Builder envelope = addErrorFields(JsonObject.builder().put("ok", false).put("error", message), exitCode, retryable);
            addMigration(envelope, message);
            printJson(envelope);
        } else {
            invocation.out().println("error: " + message);
        }
        return exitCode.code();
    }

    private static JsonObject.Builder addErrorFields(JsonObject.Builder envelope, ExitCode exitCode, boolean retryable) {
        return envelope
                .put("error_code", exitCode.errorCode())
                .put("error_category", exitCode.errorCategory())
                .put("retryable", retryable)
                .put("hint", exitCode.hint());
    }

    /**
     * Errors for retired spellings ({@code deprecated command spelling: A -> B},
     * {@code deprecated flag spelling: A -> B}) carry machine-readable migration data and a hint.
     */
    private static void addMigration(JsonObject.Builder envelope, String message) {
        for (String kind : List.of("command", "flag")) {
            String prefix = "deprecated " + kind + " spelling: ";
            int arrow = message.indexOf(" -> ");
            if (message.startsWith(prefix) && arrow > prefix.length()) {
                String deprecated = message.substring(prefix.length(), arrow).strip();
                String replacement = message.substring(arrow + 4).strip();
                envelope.put("migration", JsonObject.builder()
                                .put("kind", kind)
                                .put("deprecated_" + kind, deprecated)
                                .put("replacement_" + kind, replacement)
                                .build())
                        .put("hint", "use `" + replacement + "` instead");
            }
        }
    }

    private void printJson(JsonObject.Builder envelope) {
        envelope.put("correlation_id", Ids.correlationId(invocation.argv()));
        invocation.out().print(JsonWriter.GO_MAP.write(envelope.build()) + "\n");
    }
}
