package dev.gait.fleet.artifacts;

import java.util.List;
import java.util.Optional;

/**
 * Content-addressed blob storage for uploaded runpacks, traces and packs. Each organisation has its
 * own key space, and a blob's name is the SHA-256 hex of its bytes, so stored blobs are immutable
 * and storing the same bytes twice is harmless. Reads check the bytes against their name and fail
 * ({@code FleetException.Reason.CORRUPT}) rather than return altered content. Callers authorise;
 * this layer only keeps organisations apart.
 */
public interface ArtifactStore extends AutoCloseable {

    /** Stores {@code content} and returns its digest. */
    String put(String orgId, byte[] content);

    Optional<byte[]> get(String orgId, String digest);

    boolean exists(String orgId, String digest);

    /** The organisation's digests, sorted. */
    List<String> list(String orgId);

    /** Removes a blob; false when there was none. */
    boolean delete(String orgId, String digest);

    @Override
    void close();
}
