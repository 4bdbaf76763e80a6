package dev.gait.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The training run for the JDK AOT cache, started by the launcher after each build: it runs
 * representative commands in one process so that the cache holds the classes (and profiles) that
 * real invocations load. Output is discarded; every command works inside the given directory.
 */
public final class AotTraining {

    private AotTraining() {}

    public static void main(String[] args) {
        Path work = Path.of(args[0]).toAbsolutePath();
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        List<List<String>> commands = List.of(
                List.of("--version"),
                List.of("version", "--json"),
                List.of("keys", "init", "--out-dir", "keys", "--json"),
                List.of("keys", "verify", "--out-dir", "keys"),
                List.of("keys", "verify", "--out-dir", "keys", "--json"),
                List.of("keys", "init", "--unknown-flag", "--json"),
                List.of("keys", "init", "--help"),
                List.of("digest", "keys/../sample.json", "--json"),
                List.of("digest", "missing.json", "--json"),
                List.of("demo", "--json"),
                List.of("verify", "run_demo", "--json"),
                List.of("verify", "run_demo"),
                List.of("run", "inspect", "run_demo", "--json"),
                List.of("run", "receipt", "run_demo"));
        writeSample(work.resolve("sample.json"));
        for (List<String> command : commands) {
            // the demo's local signing key lives in the training directory, never in the user's home
            Cli.run(new Invocation("gait", command, InputStream.nullInputStream(), sink, sink,
                    Map.of("GAIT_HOME", work.resolve("home").toString()), work, Clock.systemUTC()));
        }
    }

    private static void writeSample(Path path) {
        try {
            Files.writeString(path, "{\"b\":[1.5,\"x\",true,null],\"a\":{\"c\":1e21,\"d\":\"\\u20ac\"}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
