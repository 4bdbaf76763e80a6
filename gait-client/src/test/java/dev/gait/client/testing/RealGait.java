package dev.gait.client.testing;

import dev.gait.client.cli.GaitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real {@code gait} command for tests: {@code $GAIT_BIN} when set, else the shaded jar the
 * reactor built ({@code gait-cli/target/gait.jar}, run with this JVM), else the repository's
 * {@code ./gait} launcher. The reactor's jar comes before the launcher because the launcher would
 * rebuild modules while the reactor is still running.
 */
public final class RealGait {

    /** The first call may build the CLI; every call gets this long. */
    public static final Duration TIMEOUT = Duration.ofSeconds(180);

    /** allow tool.read, require approval for tool.write, block everything else. */
    public static final String POLICY = """
            default_verdict: block
            rules:
              - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [tool.read]}}
              - {name: review-write, priority: 10, effect: require_approval, match: {tool_names: [tool.write]}, reason_codes: [needs_review]}
            """;

    private RealGait() {}

    /** The command, running in {@code workingDirectory}. */
    public static GaitCli cli(Path workingDirectory) {
        return GaitCli.of(command()).withTimeout(TIMEOUT).inDirectory(workingDirectory);
    }

    static String[] command() {
        String bin = System.getenv("GAIT_BIN");
        if (bin != null && !bin.isBlank()) {
            return new String[] {bin};
        }
        Path root = repositoryRoot();
        Path jar = root.resolve("gait-cli/target/gait.jar");
        if (Files.isRegularFile(jar)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new String[] {java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()};
        }
        return new String[] {root.resolve("gait").toString()};
    }

    /** The checkout this test runs in: the nearest directory up from here with {@code gait-cli/pom.xml}. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("gait-cli/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside a gait checkout: " + Path.of("").toAbsolutePath());
    }

    /** Writes {@link #POLICY} to {@code dir/policy.yaml}. */
    public static Path writePolicy(Path dir) throws IOException {
        return Files.writeString(dir.resolve("policy.yaml"), POLICY);
    }
}
