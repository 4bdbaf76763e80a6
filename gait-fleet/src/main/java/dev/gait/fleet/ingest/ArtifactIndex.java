package dev.gait.fleet.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where accepted artifacts are kept and found, per organisation: the bytes in the artifact store,
 * the accepted record in the index. Searches never cross organisations.
 */
public interface ArtifactIndex {

    /** Stores an accepted artifact; storing the same digest again is a no-op. */
    void put(String organisation, Ingested.Accepted artifact, byte[] bytes, Instant receivedAt);

    /** Artifacts matching every given criterion, newest first, at most {@code query.limit()}. */
    List<Indexed> search(String organisation, Query query);

    /** An indexed artifact and when the control plane received it. */
    record Indexed(Ingested.Accepted artifact, Instant receivedAt) {}

    /** Search criteria; an empty one matches everything. {@code from} inclusive, {@code to} exclusive, on receipt time. */
    record Query(Optional<String> runId, Optional<String> digest, Optional<String> verdict, Optional<Instant> from,
                 Optional<Instant> to, int limit) {

        public boolean matches(Indexed entry) {
            Ingested.Accepted a = entry.artifact();
            return runId.map(a.runId()::equals).orElse(true)
                    && digest.map(d -> d.equals(a.digest()) || d.equals(a.artifactId())).orElse(true)
                    && verdict.map(a.verdicts()::contains).orElse(true)
                    && from.map(f -> !entry.receivedAt().isBefore(f)).orElse(true)
                    && to.map(entry.receivedAt()::isBefore).orElse(true);
        }
    }
}
