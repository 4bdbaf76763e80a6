package dev.gait.core.gate.broker;

import dev.gait.core.canon.Jcs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gait v1's {@code command} broker: runs an operator-provided program with the request (Go field
 * names) on standard input and reads one JSON response from standard output, a plain response or
 * a provider receipt ({@link BrokerResponse}). A program that hangs past the timeout, exits
 * non-zero, prints more than the cap, prints something that is not a response, or hands back a
 * secret instead of a reference issues nothing.
 */
public final class CommandBroker implements CredentialBroker {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    public static final int OUTPUT_CAP = 16 * 1024;

    private final List<String> command;
    private final Duration timeout;

    /**
     * @param allowlist when not empty, the program must be listed (full path or file name)
     */
    public CommandBroker(String program, List<String> args, List<String> allowlist, Duration timeout) {
        String trimmed = program.strip();
        if (trimmed.isEmpty() || trimmed.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("credential command must be one program path without white space");
        }
        Path programPath = Path.of(trimmed).getFileName();
        if (programPath == null) {
            throw new IllegalArgumentException("credential command must name a program");
        }
        String fileName = programPath.toString();
        if (!allowlist.isEmpty() && !allowlist.contains(trimmed) && !allowlist.contains(fileName)) {
            throw new IllegalArgumentException("credential command " + trimmed + " is not in GAIT_CREDENTIAL_COMMAND_ALLOWLIST");
        }
        this.command = new ArrayList<>(List.of(trimmed));
        this.command.addAll(args);
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "command";
    }

    @Override
    public Credential issue(BrokerRequest request, Instant now) {
        return BrokerResponse.parse(run(Jcs.canonicalString(request.goJson()).getBytes(StandardCharsets.UTF_8)), request, now, name());
    }

    /**
     * Runs the program under one deadline for the whole exchange: the request is written and the
     * answer read on their own threads, so a program that neither reads nor answers is killed on
     * time instead of blocking the gate.
     */
    private byte[] run(byte[] input) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new BrokerException("broker_command_failed", "credential command did not start: " + e.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            Thread.startVirtualThread(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input);
                } catch (IOException ignored) {
                    // a program that does not read its input may close the pipe early; its answer still counts
                }
            });
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readCapped(process.getInputStream()),
                    Thread::startVirtualThread);
            byte[] output = stdout.get(remaining(deadline), TimeUnit.NANOSECONDS);
            if (output.length > OUTPUT_CAP) {
                throw new BrokerException("broker_output_too_large", "credential command printed more than " + OUTPUT_CAP + " bytes");
            }
            if (!process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw new BrokerException("broker_command_timeout", "credential command did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new BrokerException("broker_command_failed", "credential command exited " + process.exitValue());
            }
            return output;
        } catch (TimeoutException e) {
            throw new BrokerException("broker_command_timeout", "credential command did not answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new BrokerException("broker_command_failed", "credential command output unreadable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("broker_command_failed", "interrupted while waiting for the credential command");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Reads at most one byte more than the cap, so an oversized answer is seen without reading it all. */
    private static byte[] readCapped(InputStream in) {
        try (in) {
            return in.readNBytes(OUTPUT_CAP + 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
