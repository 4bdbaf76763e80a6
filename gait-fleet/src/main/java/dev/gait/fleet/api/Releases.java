package dev.gait.fleet.api;

import dev.gait.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The organisation's registry of signed releases (policy packs, approved-script sets, kill-switch
 * state), immutable and content-addressed by {@code release_digest}, the SHA-256 of the document's
 * bytes as published. Implementations verify the document and record publications in the audit log.
 */
public interface Releases {

    /**
     * Verifies and stores a release document; publishing the same bytes again returns the same record.
     *
     * @return the release record (digest, provenance)
     * @throws dev.gait.core.error.GaitException invalid input when the document does not verify
     */
    JsonObject publish(String organisation, byte[] document, String actor);

    List<JsonObject> list(String organisation);

    /** The release document as published; empty when the organisation has no such release. */
    Optional<byte[]> document(String organisation, String releaseDigest);

    /** What changed from release {@code from} to release {@code to}; both exist in the organisation. */
    JsonObject diff(String organisation, String from, String to);
}
