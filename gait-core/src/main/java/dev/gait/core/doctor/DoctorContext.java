package dev.gait.core.doctor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What doctor examines: the workspace and output directory, the process environment ({@code HOME},
 * {@code PATH}, {@code TMPDIR}, key variables), the key settings given on the command line, the
 * executable doctor was invoked as (absolute, or empty when it was found by name), and the time.
 */
public record DoctorContext(Path workDir, Path outputDir, Map<String, String> environment, KeySettings keys, String invokedAs,
                            Instant now, String producerVersion) {

    public DoctorContext {
        environment = Map.copyOf(environment);
    }

    /** The value of an environment variable, or {@code ""}. */
    String env(String name) {
        return environment.getOrDefault(name, "");
    }
}
