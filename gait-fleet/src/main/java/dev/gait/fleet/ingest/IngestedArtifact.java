package dev.gait.fleet.ingest;

import java.util.Optional;

/**
 * The index entry of an uploaded artifact that passed verification; its bytes are in the artifact
 * store under {@code digest}. {@code runId} and {@code verdict} are empty when the artifact has none.
 */
public record IngestedArtifact(
        String orgId,
        String digest,
        ArtifactKind kind,
        String runId,
        String verdict,
        Optional<String> environmentId,
        String uploadedBy,
        long sizeBytes,
        long ingestedAtMillis) {}
