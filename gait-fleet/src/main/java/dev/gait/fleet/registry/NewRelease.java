package dev.gait.fleet.registry;

/**
 * A release document to publish, with its provenance. {@code digest} names the release: the format
 * (which belongs to the bundle package) defines it, and the caller has verified the document
 * against it before publishing.
 */
public record NewRelease(String digest, ReleaseKind kind, String name, String version, String author, String source, byte[] document) {
    public NewRelease {
        document = document.clone();
    }

    @Override
    public byte[] document() {
        return document.clone();
    }
}
