package dev.gait.core.replay;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.process.BoundedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A user executor: an operator's program gets {@code {"tool_name", "args"}} on standard input and
 * prints the result as one JSON object; {@code "status"} in it (default {@code ok}) becomes the
 * step's status. 30 s, 1 MiB.
 */
public final class CommandExecutor implements ToolExecutor {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int OUTPUT_CAP = 1024 * 1024;

    private final String program;

    public CommandExecutor(String program) {
        if (program.isBlank() || program.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("executor command must be one program path without white space");
        }
        this.program = program;
    }

    @Override
    public String name() {
        return "command:" + program;
    }

    @Override
    public Result execute(String toolName, JsonObject args) {
        byte[] request = Jcs.canonicalString(JsonObject.builder().put("tool_name", toolName).put("args", args).build())
                .getBytes(StandardCharsets.UTF_8);
        BoundedProcess.Outcome outcome;
        try {
            outcome = BoundedProcess.run(List.of(program), request, TIMEOUT, OUTPUT_CAP);
        } catch (IOException e) {
            return Result.error("cannot run " + program + ": " + e.getMessage());
        }
        if (!outcome.exitedZero()) {
            return Result.error(program + " " + switch (outcome.ending()) {
                case TIMED_OUT -> "did not finish within " + TIMEOUT.toSeconds() + " s";
                case OUTPUT_TOO_LARGE -> "printed more than " + OUTPUT_CAP + " bytes";
                case EXITED -> "exited " + outcome.exitCode();
            });
        }
        try {
            JsonObject payload = JsonReader.strict().readObject(outcome.stdout());
            String status = payload.string("status").orElse("ok").strip();
            return new Result(status.isEmpty() ? "ok" : status, payload);
        } catch (JsonException e) {
            return Result.error(program + " printed no JSON object: " + e.getMessage());
        }
    }
}
