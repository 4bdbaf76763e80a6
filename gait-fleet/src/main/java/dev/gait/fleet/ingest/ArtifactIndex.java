package dev.gait.fleet.ingest;

import dev.gait.fleet.auth.Principal;
import java.util.List;

/**
 * The searchable index of uploaded artifacts. Recording the same digest again returns the first
 * entry. Uploads are evidence, not configuration: they are not written to the audit log.
 */
public interface ArtifactIndex {

    IngestedArtifact record(Principal caller, NewArtifact artifact);

    /** Matching entries, newest first. */
    List<IngestedArtifact> find(Principal caller, ArtifactQuery query);
}
