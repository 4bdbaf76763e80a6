package dev.gait.cli;

import dev.gait.cli.flags.FlagSet;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything a command may touch of its process: the argument vector (with argv[0]), the standard
 * streams, the environment, the working directory and the clock. Commands use nothing else, so
 * tests run the real command line in-process.
 */
public record Invocation(
        String argv0, List<String> args, InputStream in, PrintStream out, PrintStream err,
        Map<String, String> environment, Path workingDirectory, Clock clock) {

    public Invocation {
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
    }

    /** The full argument vector including argv[0], as hashed into {@code correlation_id}. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(argv0);
        argv.addAll(args);
        return argv;
    }

    /** Resolves a path given on the command line against the working directory. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }

    /**
     * Whether JSON output was asked for anywhere on the command line: {@code --json} or
     * {@code -json}, bare or with a value Go's {@code ParseBool} reads as true. Decided before flag
     * parsing, so that errors in parsing itself are reported in the requested form.
     */
    public boolean wantsJson() {
        boolean json = false;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.startsWith("-") ? arg.substring(1) : "";
            if (body.equals("json")) {
                json = true;
            } else if (body.startsWith("json=")) {
                json = FlagSet.isGoTrue(body.substring("json=".length()));
            }
        }
        return json;
    }

    /** Whether {@code --explain} appears anywhere: it short-circuits every other flag. */
    public boolean wantsExplain() {
        return args.contains("--explain");
    }
}
