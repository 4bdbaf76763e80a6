package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.core.error.GaitException;
import dev.gait.core.runpack.RunpackWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Resolves a {@code <run_id|path>} argument as Gait v1 does: an argument with a path separator or a
 * {@code .zip} suffix is a path; anything else is a run id, looked up as
 * {@code ./gait-out/runpack_<id>.zip}, then {@code ~/.gait/runpacks/runpack_<id>.zip}.
 */
public final class RunpackLocator {

    private RunpackLocator() {}

    public static Path resolve(Invocation invocation, String argument) {
        if (argument.isBlank()) {
            throw GaitException.invalidInput("missing runpack: give a run_id or a path");
        }
        if (argument.contains("/") || argument.contains("\\") || argument.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            Path path = invocation.resolve(argument);
            if (!Files.isRegularFile(path)) {
                throw GaitException.invalidInput("runpack not found: " + argument);
            }
            return path;
        }
        Path local = invocation.resolve("gait-out").resolve(RunpackWriter.fileName(argument));
        if (Files.isRegularFile(local)) {
            return local;
        }
        String home = invocation.environment().getOrDefault("HOME", "");
        if (!home.isBlank()) {
            Path shared = Path.of(home, ".gait", "runpacks", RunpackWriter.fileName(argument));
            if (Files.isRegularFile(shared)) {
                return shared;
            }
        }
        throw GaitException.invalidInput("runpack not found for run_id: " + argument);
    }

    /** How a path is shown in output: relative to the working directory when inside it, as Gait prints {@code ./gait-out/...}. */
    public static String display(Invocation invocation, Path path) {
        Path cwd = invocation.workingDirectory().toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? "./" + cwd.relativize(absolute) : absolute.toString();
    }
}
