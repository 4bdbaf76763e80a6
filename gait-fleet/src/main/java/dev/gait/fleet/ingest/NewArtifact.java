package dev.gait.fleet.ingest;

/**
 * What the ingest step learnt from a verified upload. {@code environmentId} is required from machines
 * (their own environment) and optional (null) for people.
 */
public record NewArtifact(String digest, ArtifactKind kind, String runId, String verdict, String environmentId, long sizeBytes) {}
