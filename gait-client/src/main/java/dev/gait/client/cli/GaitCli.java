package dev.gait.client.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code gait} command: the command (a path, or e.g. {@code java -jar gait.jar}), the
 * directory it runs in (where {@code gate eval} writes its traces) and a time limit. The SDK
 * never decides: everything it reports comes from this process's exit code and output.
 */
public final class GaitCli {

    /** Generous by default: a source checkout's launcher builds the jar on its first call. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(10);

    private final List<String> command;
    private final Path workingDirectory;
    private final Duration timeout;

    private GaitCli(List<String> command, Path workingDirectory, Duration timeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the gait command is empty");
        }
        this.command = List.copyOf(command);
        this.workingDirectory = workingDirectory;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code $GAIT_BIN} when set, else {@code gait} from the {@code PATH}. */
    public static GaitCli fromEnvironment() {
        String bin = System.getenv("GAIT_BIN");
        return of(bin == null || bin.isBlank() ? "gait" : bin);
    }

    /** A command and its leading arguments, e.g. {@code of("java", "-jar", "gait.jar")}. */
    public static GaitCli of(String... command) {
        return new GaitCli(List.of(command), null, DEFAULT_TIMEOUT);
    }

    public GaitCli inDirectory(Path directory) {
        return new GaitCli(command, directory, timeout);
    }

    public GaitCli withTimeout(Duration limit) {
        return new GaitCli(command, workingDirectory, limit);
    }

    public List<String> command() {
        return command;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** What one run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {}

    /**
     * Runs {@code gait <arguments>} with {@code stdin} on its standard input and waits for it.
     *
     * @throws GaitCliException when the process cannot start or does not finish in time (it is
     *     then killed with its descendants)
     */
    public Result run(List<String> arguments, String stdin) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new GaitCliException(GaitCliException.Kind.UNAVAILABLE,
                    "cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        Drain out = Drain.start(process.getInputStream());
        Drain err = Drain.start(process.getErrorStream());
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The process closed its input early; its exit code and output tell why.
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new GaitCliException(GaitCliException.Kind.TIMEOUT,
                        "gait did not finish within " + timeout.toSeconds() + " s", null);
            }
            return new Result(process.exitValue(), out.text(), err.text());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new GaitCliException(GaitCliException.Kind.TIMEOUT, "interrupted while waiting for gait", e);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads a stream to its end on its own thread, so that a full pipe never blocks the process. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream stream) {
            thread = new Thread(() -> {
                try (stream) {
                    stream.transferTo(bytes); // ByteArrayOutputStream is synchronized
                } catch (IOException e) {
                    // The pipe broke (the process was killed): what was read is all there is.
                }
            }, "gait-cli-output");
            thread.setDaemon(true);
        }

        static Drain start(InputStream stream) {
            Drain drain = new Drain(stream);
            drain.thread.start();
            return drain;
        }

        /** The text once the stream ended (bounded: a leftover child may hold the pipe open). */
        String text() throws InterruptedException {
            thread.join(DRAIN_LIMIT.toMillis());
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
