package dev.gait.core.doctor;

import dev.gait.core.json.JsonObject;
import dev.gait.core.process.BoundedProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which {@code gait} a user's next command would run, and whether it answers: the executable doctor
 * was invoked as, else the first {@code gait} on {@code PATH}, else {@code ./gait} in the workspace.
 * It must print {@code gait <version>} for {@code gait version}. A missing binary only warns.
 */
public record OnboardingBinary(String path, String source, String pathBinary, String version, DoctorCheck check) {
    static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    static final int VERSION_OUTPUT_CAP = 4096;
    private static final String NAME = "onboarding_binary";
    private static final String BUILD_HINT = "build the launcher: ./gait --version (in a checkout of this repository)";

    static OnboardingBinary probe(DoctorContext context) {
        String onPath = onPath(context.env("PATH")).map(Path::toString).orElse("");
        Path local = context.workDir().resolve("gait");
        String path;
        String source;
        if (!context.invokedAs().isEmpty()) {
            path = context.invokedAs();
            source = "invoked";
        } else if (!onPath.isEmpty()) {
            path = onPath;
            source = "path";
        } else if (Files.isRegularFile(local)) {
            path = local.toString();
            source = "workdir";
        } else {
            return new OnboardingBinary("", "", onPath, "", DoctorCheck.warn(DoctorCheck.UNIVERSAL, NAME,
                    "gait binary not found on PATH or in the workdir; onboarding commands may fail", BUILD_HINT));
        }
        if (!Files.isExecutable(Path.of(path))) {
            return new OnboardingBinary(path, source, onPath, "", DoctorCheck.warn(DoctorCheck.UNIVERSAL, NAME,
                    "gait binary is not executable: " + path, "chmod +x " + Shell.quote(path)));
        }
        String failure;
        try {
            BoundedProcess.Outcome outcome = BoundedProcess.run(List.of(path, "version"), new byte[0], VERSION_TIMEOUT, VERSION_OUTPUT_CAP);
            String printed = new String(outcome.stdout(), StandardCharsets.UTF_8).strip();
            if (outcome.exitedZero() && printed.startsWith("gait ")) {
                return new OnboardingBinary(path, source, onPath, printed, DoctorCheck.pass(DoctorCheck.UNIVERSAL, NAME,
                        "gait binary ready (path=" + path + " version=" + printed + ")"));
            }
            failure = switch (outcome.ending()) {
                case TIMED_OUT -> "no answer within " + VERSION_TIMEOUT.toSeconds() + "s";
                case OUTPUT_TOO_LARGE -> "printed more than " + VERSION_OUTPUT_CAP + " bytes";
                case EXITED -> outcome.exitCode() == 0 ? "unexpected version output: " + firstLine(printed) : "exit " + outcome.exitCode();
            };
        } catch (IOException e) {
            failure = e.getMessage();
        }
        return new OnboardingBinary(path, source, onPath, "", DoctorCheck.warn(DoctorCheck.UNIVERSAL, NAME,
                "gait binary version check failed (" + path + "): " + failure, BUILD_HINT));
    }

    /** The result's binary fields, each omitted when unknown. */
    public void addTo(JsonObject.Builder result) {
        result.putOmitEmpty("binary_path", path)
                .putOmitEmpty("binary_path_source", source)
                .putOmitEmpty("path_binary_path", pathBinary)
                .putOmitEmpty("binary_version", version);
    }

    private static Optional<Path> onPath(String pathVariable) {
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "gait");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
