package dev.gait.core.gate.broker;

import dev.gait.core.canon.Jcs;
import dev.gait.core.process.BoundedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    private byte[] run(byte[] input) {
        BoundedProcess.Outcome outcome;
        try {
            outcome = BoundedProcess.run(command, input, timeout, OUTPUT_CAP);
        } catch (IOException e) {
            throw new BrokerException("broker_command_failed", "credential command failed: " + e.getMessage());
        }
        switch (outcome.ending()) {
            case TIMED_OUT -> throw new BrokerException("broker_command_timeout",
                    "credential command did not answer within " + timeout.toSeconds() + " s");
            case OUTPUT_TOO_LARGE -> throw new BrokerException("broker_output_too_large",
                    "credential command printed more than " + OUTPUT_CAP + " bytes");
            case EXITED -> { }
        }
        if (outcome.exitCode() != 0) {
            throw new BrokerException("broker_command_failed", "credential command exited " + outcome.exitCode());
        }
        return outcome.stdout();
    }
}
