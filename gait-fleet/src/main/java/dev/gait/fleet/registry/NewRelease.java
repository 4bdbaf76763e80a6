package dev.gait.fleet.registry;

/**
 * A release document to publish, with its provenance. The registry computes the digest itself
 * from {@code document}; the document's format belongs to the bundle package.
 */
public record NewRelease(ReleaseKind kind, String name, String version, String author, String source, byte[] document) {
    public NewRelease {
        document = document.clone();
    }

    @Override
    public byte[] document() {
        return document.clone();
    }
}
