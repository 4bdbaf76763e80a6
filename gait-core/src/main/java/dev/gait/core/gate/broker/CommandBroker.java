package dev.gait.core.gate.broker;

import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gait v1's {@code command} broker: runs an operator-provided program with the request (Go field
 * names) on standard input and reads one JSON response from standard output. A program that hangs
 * past the timeout, exits non-zero, prints more than the cap, prints something that is not a
 * response, or hands back a secret instead of a reference issues nothing.
 */
public final class CommandBroker implements CredentialBroker {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);
    public static final int OUTPUT_CAP = 16 * 1024;
    private static final int MAX_REF_CHARS = 256;
    private static final long MAX_TTL_SECONDS = 86_400;
    private static final Set<String> SECRET_MEMBERS = Set.of("token", "secret", "password", "access_token", "secret_access_key",
            "session_token", "private_key", "client_secret");

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
        byte[] output = run(Jcs.canonicalString(request.goJson()).getBytes(StandardCharsets.UTF_8));
        JsonObject response;
        try {
            response = JsonReader.strict().readObject(output);
        } catch (JsonException e) {
            throw new BrokerException("broker_output_invalid", "credential command printed no JSON response: " + e.getMessage());
        }
        for (String member : response.members().keySet()) {
            if (SECRET_MEMBERS.contains(member)) {
                throw new BrokerException("broker_output_contains_secret", "credential command returned a secret (" + member + "), not a reference");
            }
        }
        String ref = response.string("credential_ref").orElse("").strip();
        if (ref.isEmpty() || ref.length() > MAX_REF_CHARS) {
            throw new BrokerException("broker_output_invalid", "credential_ref must be 1 to " + MAX_REF_CHARS + " characters");
        }
        List<String> scope = response.array("scope").map(a -> a.elements().stream().map(v -> v instanceof dev.gait.core.json.JsonString s
                ? s.value().strip().toLowerCase(java.util.Locale.ROOT) : "").filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        return new Credential(name(), ref, text(response, "source", "command"), text(response, "access_type", "jit"),
                text(response, "issuer", text(response, "issued_by", "")), text(response, "subject", ""), text(response, "owner", ""),
                scope, now, expiry(response, now), text(response, "request_digest", ""));
    }

    private static Instant expiry(JsonObject response, Instant now) {
        String expiresAt = response.string("expires_at").orElse("").strip();
        if (!expiresAt.isEmpty()) {
            Instant expires;
            try {
                expires = GoTime.parse(expiresAt).toInstant();
            } catch (IllegalArgumentException e) {
                throw new BrokerException("broker_output_invalid", "expires_at: " + e.getMessage());
            }
            if (expires.isAfter(now.plusSeconds(MAX_TTL_SECONDS))) {
                throw new BrokerException("broker_output_invalid", "expires_at is more than " + MAX_TTL_SECONDS + " s away");
            }
            return expires;
        }
        double ttl = response.get("ttl_seconds").filter(dev.gait.core.json.JsonNumber.class::isInstance)
                .map(v -> ((dev.gait.core.json.JsonNumber) v).value()).orElse(0.0);
        // a credential is short-lived by definition; a day is far beyond any broker's lease
        if (!(ttl >= 0 && ttl <= MAX_TTL_SECONDS)) {
            throw new BrokerException("broker_output_invalid", "ttl_seconds must be between 0 and " + MAX_TTL_SECONDS);
        }
        return now.plusSeconds((long) ttl);
    }

    private static String text(JsonObject response, String key, String fallback) {
        String value = response.string(key).orElse("").strip();
        return value.isEmpty() ? fallback : value;
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
