package dev.gait.fleet.ingest;

import java.util.Optional;

/** A search of the index: every present criterion must match; times are ingestion times in epoch ms, {@code [from, to)}. */
public record ArtifactQuery(
        Optional<String> runId,
        Optional<String> digest,
        Optional<String> verdict,
        Optional<Long> fromMillis,
        Optional<Long> toMillis,
        int limit) {

    public static final int MAX_LIMIT = 1000;

    public static ArtifactQuery all() {
        return new ArtifactQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), MAX_LIMIT);
    }

    public ArtifactQuery withRunId(String value) {
        return new ArtifactQuery(Optional.of(value), digest, verdict, fromMillis, toMillis, limit);
    }

    public ArtifactQuery withDigest(String value) {
        return new ArtifactQuery(runId, Optional.of(value), verdict, fromMillis, toMillis, limit);
    }

    public ArtifactQuery withVerdict(String value) {
        return new ArtifactQuery(runId, digest, Optional.of(value), fromMillis, toMillis, limit);
    }

    public ArtifactQuery between(long from, long to) {
        return new ArtifactQuery(runId, digest, verdict, Optional.of(from), Optional.of(to), limit);
    }
}
