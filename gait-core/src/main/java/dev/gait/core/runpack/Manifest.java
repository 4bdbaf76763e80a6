package dev.gait.core.runpack;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.SignatureRecord;
import java.util.List;

/**
 * {@code manifest.json}: the payload files with their SHA-256, the manifest digest, and signatures.
 * The manifest never lists itself.
 */
public record Manifest(RecordHeader header, CaptureMode captureMode, List<FileEntry> files, String manifestDigest,
                       List<SignatureRecord> signatures) {
    public static final String SCHEMA_ID = "gait.runpack.manifest";

    public Manifest {
        files = List.copyOf(files);
        signatures = List.copyOf(signatures);
    }

    public record FileEntry(String path, String sha256) {
        JsonObject toJson() {
            return JsonObject.builder().put("path", path).put("sha256", sha256).build();
        }
    }

    public JsonObject toJson() {
        return toJson(manifestDigest, true);
    }

    /**
     * {@code manifest_digest}: the digest of the manifest with an empty {@code manifest_digest} and
     * without signatures.
     */
    public String computeDigest() {
        return Digests.jcsHex(toJson("", false));
    }

    /** What signatures sign: the manifest with its digest and without signatures. */
    public String signedDigest() {
        return Digests.jcsHex(toJson(manifestDigest, false));
    }

    public Manifest withDigest(String digest) {
        return new Manifest(header, captureMode, files, digest, signatures);
    }

    public Manifest withSignatures(List<SignatureRecord> newSignatures) {
        return new Manifest(header, captureMode, files, manifestDigest, newSignatures);
    }

    private JsonObject toJson(String digest, boolean withSignatures) {
        JsonObject.Builder builder = header.start(SCHEMA_ID)
                .put("capture_mode", captureMode.wire())
                .put("files", new JsonArray(files.stream().<JsonValue>map(FileEntry::toJson).toList()))
                .put("manifest_digest", digest);
        if (withSignatures) {
            builder.putOmitEmpty("signatures", new JsonArray(signatures.stream().<JsonValue>map(SignatureRecord::toJson).toList()));
        }
        return builder.build();
    }
}
