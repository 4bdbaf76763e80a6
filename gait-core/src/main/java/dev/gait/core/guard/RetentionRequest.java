package dev.gait.core.guard;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One retention pass.
 *
 * @param rootShown the root as the user named it; report paths are this joined with each file's relative path
 * @param traceTtl age beyond which {@code trace_*.json} files go; zero or negative keeps them all
 * @param packTtl age beyond which evidence and incident packs ({@code .zip}, {@code .gaitenc}) go
 * @param now the instant ages are measured from
 */
public record RetentionRequest(Path root, String rootShown, Duration traceTtl, Duration packTtl, boolean dryRun, Instant now) {}
