package dev.gait.cli;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Runs the real command line in-process, in a given working directory, capturing its output. */
final class CliRunner {
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Clock clock;

    CliRunner(Path workingDirectory) {
        this(workingDirectory, Map.of(), Clock.systemUTC());
    }

    CliRunner(Path workingDirectory, Map<String, String> environment, Clock clock) {
        this.workingDirectory = workingDirectory;
        this.environment = environment;
        this.clock = clock;
    }

    record Result(int exitCode, String stdout, String stderr) {
        /** Standard output as the JSON envelope it must be: exactly one line. */
        JsonObject json() {
            if (!stdout.endsWith("\n") || stdout.indexOf('\n') != stdout.length() - 1) {
                throw new AssertionError("JSON output must be exactly one line: " + stdout);
            }
            return JsonReader.strict().readObject(stdout.getBytes(StandardCharsets.UTF_8));
        }
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        return runAs("gait", stdin, args);
    }

    /** Runs with a given argv[0], as the launcher passes the path it was invoked by. */
    Result runAs(String argv0, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Invocation invocation = new Invocation(argv0, List.of(args),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment, workingDirectory, clock);
        int code = Cli.run(invocation);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
