package dev.gait.cli;

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

    /** Whether JSON output was asked for anywhere on the command line. */
    public boolean wantsJson() {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            switch (arg) {
                case "--json", "-json", "--json=true", "-json=true", "--json=1", "-json=1" -> {
                    return true;
                }
                default -> { }
            }
        }
        return false;
    }

    /** Whether {@code --explain} appears anywhere: it short-circuits every other flag. */
    public boolean wantsExplain() {
        return args.contains("--explain");
    }
}
