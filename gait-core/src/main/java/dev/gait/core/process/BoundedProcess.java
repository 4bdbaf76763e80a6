package dev.gait.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an operator-provided program under one deadline for the whole exchange, with capped output:
 * the input is written and both outputs are read on their own threads, so a program that neither
 * reads nor answers is killed on time instead of blocking the caller. The program and everything it
 * started are killed when the exchange ends, however it ends.
 */
public final class BoundedProcess {

    /** How the exchange ended: the program exited, missed the deadline, or printed more than the cap on standard output. */
    public enum Ending { EXITED, TIMED_OUT, OUTPUT_TOO_LARGE }

    /**
     * What the program did. {@code stdout} and {@code stderr} hold at most the cap (a longer standard
     * error is cut); {@link #exitCode()} is -1 unless the program {@link Ending#EXITED exited}.
     */
    public record Outcome(Ending ending, int exitCode, byte[] stdout, byte[] stderr) {
        public boolean exitedZero() {
            return ending == Ending.EXITED && exitCode == 0;
        }
    }

    private BoundedProcess() {}

    /**
     * @param command the program and its arguments (no shell)
     * @param input written to the program's standard input, which is then closed
     * @throws IOException when the program cannot be started
     */
    public static Outcome run(List<String> command, byte[] input, Duration timeout, int outputCap) throws IOException {
        return run(new ProcessBuilder(command), command, input, timeout, outputCap);
    }

    /**
     * Like {@link #run}, but the program sees none of this process's environment, only a standard
     * {@code PATH}: for programs whose command line came from recorded data, not from the operator.
     */
    public static Outcome runWithoutEnvironment(List<String> command, byte[] input, Duration timeout, int outputCap) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        return run(builder, command, input, timeout, outputCap);
    }

    /**
     * Runs a program in a working directory with its output discarded: only its exit code answers
     * (the outcome's {@code stdout} and {@code stderr} are empty).
     */
    public static Outcome exitCodeOf(List<String> command, Path workingDirectory, byte[] input, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        return run(builder, command, input, timeout, 0);
    }

    private static Outcome run(ProcessBuilder builder, List<String> command, byte[] input, Duration timeout, int outputCap)
            throws IOException {
        Process process = builder.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Thread.startVirtualThread(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input);
                } catch (IOException ignored) {
                    // a program that does not read its input may close the pipe early; its answer still counts
                }
            });
            CompletableFuture<byte[]> stdout = read(process.getInputStream(), outputCap);
            CompletableFuture<byte[]> stderr = readAndDrain(process.getErrorStream(), outputCap);
            byte[] out = stdout.get(remaining(deadline), TimeUnit.NANOSECONDS);
            if (out.length > outputCap) {
                return new Outcome(Ending.OUTPUT_TOO_LARGE, -1, trim(out, outputCap), new byte[0]);
            }
            if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
                return new Outcome(Ending.TIMED_OUT, -1, out, new byte[0]);
            }
            byte[] err = stderr.get(remaining(deadline), TimeUnit.NANOSECONDS);
            return new Outcome(Ending.EXITED, process.exitValue(), out, trim(err, outputCap));
        } catch (TimeoutException e) {
            return new Outcome(Ending.TIMED_OUT, -1, new byte[0], new byte[0]);
        } catch (ExecutionException e) {
            throw new IOException("output of " + command.getFirst() + " unreadable: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.getFirst(), e);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Reads at most one byte more than the cap, so an oversized answer is seen without reading it all. */
    private static CompletableFuture<byte[]> read(InputStream stream, int cap) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readNBytes(cap + 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    /**
     * Keeps at most one byte more than the cap and drains the rest, so a program that writes a lot
     * of diagnostics is not killed by a closed pipe.
     */
    private static CompletableFuture<byte[]> readAndDrain(InputStream stream, int cap) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                byte[] kept = stream.readNBytes(cap + 1);
                stream.transferTo(OutputStream.nullOutputStream());
                return kept;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    private static byte[] trim(byte[] bytes, int cap) {
        return bytes.length > cap ? java.util.Arrays.copyOf(bytes, cap) : bytes;
    }
}
