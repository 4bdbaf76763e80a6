package dev.gait.core.pack;

import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.json.StrictMembers;
import dev.gait.core.sign.SignatureRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code pack_manifest.json} ({@code gait.pack.manifest} 1.0.0): what a pack holds, its identity and
 * its signature. Exactly Gait v1's fields, so Gait v1 verifiers, which decode it strictly, accept it.
 *
 * <p>{@code pack_id} is the digest of the manifest with {@code "pack_id":""} and no
 * {@code signatures}; a signature covers the manifest with its {@code pack_id} and without
 * {@code signatures}, so it covers every file hash.
 */
public record PackManifest(String createdAt, String producerVersion, String packId, String packType, String sourceRef,
                           List<PackEntry> contents, List<SignatureRecord> signatures) {
    public static final String SCHEMA_ID = "gait.pack.manifest";
    public static final String SCHEMA_VERSION = "1.0.0";

    private static final Set<String> MEMBERS = Set.of("schema_id", "schema_version", "created_at", "producer_version",
            "pack_id", "pack_type", "source_ref", "contents", "signatures");
    private static final Set<String> ENTRY_MEMBERS = Set.of("path", "sha256", "type");
    private static final Set<String> SIGNATURE_MEMBERS = Set.of("alg", "key_id", "sig", "signed_digest");

    public PackManifest {
        contents = List.copyOf(contents);
        signatures = List.copyOf(signatures);
    }

    public JsonObject toJson() {
        return unsigned().toBuilder()
                .putOmitEmpty("signatures", new JsonArray(signatures.stream().<JsonValue>map(SignatureRecord::toJson).toList()))
                .build();
    }

    /** The manifest as {@code pack_id} is computed from it: pack id empty, no signatures. */
    public String computePackId() {
        return Digests.jcsHex(unsigned().toBuilder().put("pack_id", "").build());
    }

    /** What a signature signs: the manifest with its pack id and without signatures. */
    public String signedDigest() {
        return Digests.jcsHex(unsigned());
    }

    public PackManifest withPackId(String id) {
        return new PackManifest(createdAt, producerVersion, id, packType, sourceRef, contents, signatures);
    }

    public PackManifest withSignatures(List<SignatureRecord> newSignatures) {
        return new PackManifest(createdAt, producerVersion, packId, packType, sourceRef, contents, newSignatures);
    }

    private JsonObject unsigned() {
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", SCHEMA_VERSION)
                .put("created_at", createdAt)
                .put("producer_version", producerVersion)
                .put("pack_id", packId)
                .put("pack_type", packType)
                .put("source_ref", sourceRef)
                .put("contents", new JsonArray(contents.stream().<JsonValue>map(PackEntry::toJson).toList()))
                .build();
    }

    /**
     * Reads a manifest as strictly as Gait v1 (unknown members, wrong types, a foreign schema or pack
     * type, missing fields and malformed hashes are errors) and more: the bytes must be the canonical
     * form Gait writes, with {@code created_at} in Go's RFC 3339 form, so no byte of a manifest can
     * change without changing its pack id or failing verification. Every failure is a verification
     * failure.
     */
    public static PackManifest parse(byte[] bytes) {
        try {
            JsonObject json = JsonReader.strict().readObject(bytes);
            PackManifest manifest = fromJson(json);
            if (!Arrays.equals(Jcs.canonicalize(json), bytes)) {
                throw new JsonException("not in canonical JSON form (RFC 8785)");
            }
            return manifest;
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Whether a manifest document declares itself a PackSpec manifest, before strict parsing. */
    static String schemaIdOf(byte[] bytes) {
        try {
            return JsonReader.lenient().readObject(bytes).string("schema_id").orElse("");
        } catch (JsonException e) {
            return "";
        }
    }

    private static PackManifest fromJson(JsonObject json) {
        StrictMembers.only(json, MEMBERS, "manifest");
        if (!StrictMembers.string(json, "schema_id").equals(SCHEMA_ID)) {
            throw new JsonException("unsupported manifest schema_id: " + StrictMembers.string(json, "schema_id"));
        }
        if (!StrictMembers.string(json, "schema_version").equals(SCHEMA_VERSION)) {
            throw new JsonException("unsupported manifest schema_version: " + StrictMembers.string(json, "schema_version"));
        }
        String packType = StrictMembers.string(json, "pack_type");
        if (PackType.fromWire(packType).isEmpty()) {
            throw new JsonException("invalid pack_type: " + packType);
        }
        String sourceRef = required(json, "source_ref");
        String createdAt = goTime(required(json, "created_at"));
        String producer = required(json, "producer_version");
        String packId = StrictMembers.string(json, "pack_id");
        if (!Digests.isSha256Hex(packId)) {
            throw new JsonException("manifest pack_id must be lowercase sha256 hex");
        }
        if (!(json.members().get("contents") instanceof JsonArray)) {
            throw new JsonException("manifest missing contents");
        }
        List<PackEntry> contents = new ArrayList<>();
        for (JsonObject entry : StrictMembers.objects(json, "contents")) {
            StrictMembers.only(entry, ENTRY_MEMBERS, "manifest entry");
            String sha256 = StrictMembers.string(entry, "sha256");
            if (!Digests.isSha256Hex(sha256)) {
                throw new JsonException("manifest entry sha256 must be lowercase sha256 hex");
            }
            contents.add(new PackEntry(required(entry, "path"), sha256, required(entry, "type")));
        }
        List<SignatureRecord> signatures = new ArrayList<>();
        for (JsonObject signature : StrictMembers.objects(json, "signatures")) {
            StrictMembers.only(signature, SIGNATURE_MEMBERS, "manifest signature");
            String signedDigest = StrictMembers.string(signature, "signed_digest");
            if (!signedDigest.isEmpty() && !Digests.isSha256Hex(signedDigest)) {
                throw new JsonException("manifest signature signed_digest must be sha256 hex");
            }
            signatures.add(new SignatureRecord(required(signature, "alg"), required(signature, "key_id"),
                    required(signature, "sig"), signedDigest));
        }
        return new PackManifest(createdAt, producer, packId, packType, sourceRef, contents, signatures);
    }

    private static String required(JsonObject json, String key) {
        String value = StrictMembers.string(json, key);
        if (value.isBlank()) {
            throw new JsonException("manifest missing " + key);
        }
        return value;
    }

    /**
     * Gait v1 hashes the time re-encoded (RFC 3339, trimmed fractions, {@code Z}); accepting only text
     * already in that form makes the pack id computed here from the text the same as v1's.
     */
    private static String goTime(String text) {
        try {
            if (!GoTime.format(GoTime.parse(text)).equals(text) || GoTime.parse(text).toInstant().equals(GoTime.ZERO.toInstant())) {
                throw new JsonException("manifest created_at is not a non-zero time in Go's RFC 3339 form: " + text);
            }
            return text;
        } catch (IllegalArgumentException e) {
            throw new JsonException("manifest created_at: " + e.getMessage());
        }
    }

    private static GaitException invalid(String message) {
        return new GaitException(ErrorCategory.VERIFICATION_FAILED, "parse pack manifest: " + message);
    }
}
