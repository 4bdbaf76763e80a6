package dev.gait.fleet.registry;

/**
 * A published, immutable release: {@code digest} is the SHA-256 hex of the document's bytes as
 * published, and names it within its organisation.
 */
public record Release(
        String orgId,
        String digest,
        ReleaseKind kind,
        String name,
        String version,
        String author,
        String source,
        long sizeBytes,
        long createdAtMillis) {}
