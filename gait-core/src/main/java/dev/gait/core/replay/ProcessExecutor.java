package dev.gait.core.replay;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import dev.gait.core.process.BoundedProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a call as a process: {@code args.argv} (program and arguments, no shell) or
 * {@code args.command} (run by {@code /bin/sh -c}, as Gait v1's shell tools do). 5 s, 64 KiB of
 * output per stream, no input, and none of this process's environment (the command line comes
 * from the runpack, not from the operator).
 */
public final class ProcessExecutor implements ToolExecutor {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int OUTPUT_CAP = 64 * 1024;

    @Override
    public String name() {
        return "process";
    }

    @Override
    public Result execute(String toolName, JsonObject args) {
        List<String> command = command(args);
        if (command.isEmpty()) {
            return Result.error("args.argv (an array of strings) or args.command is required");
        }
        BoundedProcess.Outcome outcome;
        try {
            outcome = BoundedProcess.runWithoutEnvironment(command, new byte[0], TIMEOUT, OUTPUT_CAP);
        } catch (IOException e) {
            return Result.error("cannot run " + command.getFirst() + ": " + e.getMessage());
        }
        return switch (outcome.ending()) {
            case TIMED_OUT -> Result.error(command.getFirst() + " did not finish within " + TIMEOUT.toSeconds() + " s");
            case OUTPUT_TOO_LARGE -> Result.error(command.getFirst() + " printed more than " + OUTPUT_CAP + " bytes");
            case EXITED -> {
                JsonObject.Builder payload = JsonObject.builder().put("exit_code", outcome.exitCode());
                Payloads.describe(payload, "stdout", outcome.stdout());
                Payloads.describe(payload, "stderr", outcome.stderr());
                yield new Result(outcome.exitCode() == 0 ? "ok" : "error", payload.build());
            }
        };
    }

    private static List<String> command(JsonObject args) {
        List<String> argv = new ArrayList<>();
        for (JsonValue value : args.array("argv").map(a -> a.elements()).orElse(List.of())) {
            if (!(value instanceof JsonString s)) {
                return List.of();
            }
            argv.add(s.value());
        }
        if (!argv.isEmpty()) {
            return argv;
        }
        String shell = Payloads.text(args, "command");
        return shell.isEmpty() ? List.of() : List.of("/bin/sh", "-c", shell);
    }
}
