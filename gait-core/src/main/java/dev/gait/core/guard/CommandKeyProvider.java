package dev.gait.core.guard;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.process.BoundedProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The key is what the operator's key program prints (a KMS CLI, a vault agent): base64 text on
 * standard output. The program runs without a shell, with its arguments as given, under a deadline.
 */
public record CommandKeyProvider(String program, List<String> arguments) implements EncryptionKeyProvider {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int OUTPUT_CAP = 4096;

    public CommandKeyProvider {
        arguments = List.copyOf(arguments);
    }

    @Override
    public EncryptionKeySource source() {
        return EncryptionKeySource.command(program);
    }

    @Override
    public ArtifactKey open() {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(arguments);
        BoundedProcess.Outcome outcome;
        try {
            outcome = BoundedProcess.run(command, new byte[0], TIMEOUT, OUTPUT_CAP);
        } catch (IOException e) {
            throw new GaitException(ErrorCategory.DEPENDENCY_MISSING, "run encryption key command " + program + ": " + e.getMessage(), e);
        }
        if (!outcome.exitedZero()) {
            String why = switch (outcome.ending()) {
                case TIMED_OUT -> "did not answer within " + TIMEOUT.toSeconds() + "s";
                case OUTPUT_TOO_LARGE -> "printed more than " + OUTPUT_CAP + " bytes";
                case EXITED -> "exited with status " + outcome.exitCode();
            };
            throw GaitException.invalidInput("run encryption key command " + program + ": " + why);
        }
        return AesGcmKey.fromBase64(new String(outcome.stdout(), StandardCharsets.UTF_8), "command");
    }
}
