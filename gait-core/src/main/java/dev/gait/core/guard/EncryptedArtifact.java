package dev.gait.core.guard;

import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.version.GaitVersion;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * {@code gait.guard.encrypted_artifact} 1.0.0: a file sealed with AES-256-GCM under a 32-byte key
 * (random 12-byte nonce, no additional data), written as canonical JSON with the SHA-256 and size of
 * the plaintext. Decryption reads the document strictly, as Gait v1 does, and checks the digest.
 */
public final class EncryptedArtifact {
    public static final String SCHEMA_ID = "gait.guard.encrypted_artifact";
    public static final String SUFFIX = ".gaitenc";
    public static final String ALGORITHM = "aes-256-gcm";
    /**
     * The largest plaintext sealed: its base64 ciphertext stays within the longest string the JSON
     * reader accepts, so every artifact written here can be read back.
     */
    public static final int MAX_PLAINTEXT_BYTES = 64 * 1024 * 1024;
    /** The largest artifact read: a sealed {@link #MAX_PLAINTEXT_BYTES} plus its other members. */
    public static final int MAX_ARTIFACT_BYTES = 4 * ((MAX_PLAINTEXT_BYTES + 16 + 2) / 3) + 4096;
    private static final int NONCE_BYTES = 12;
    private static final Set<String> MEMBERS = Set.of("schema_id", "schema_version", "created_at", "producer_version",
            "algorithm", "key_source", "nonce", "ciphertext", "plain_sha256", "plain_size");
    private static final Set<String> KEY_SOURCE_MEMBERS = Set.of("mode", "ref", "command");

    private EncryptedArtifact() {}

    /** What decryption yields: the plaintext, checked against the digest the artifact records. */
    public record Opened(byte[] plaintext, String sha256) {}

    /** The artifact's bytes (canonical JSON). */
    public static byte[] seal(byte[] plaintext, EncryptionKeyProvider keys, Instant now, SecureRandom random) {
        if (plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw GaitException.invalidInput("cannot encrypt more than " + MAX_PLAINTEXT_BYTES + " bytes, got " + plaintext.length);
        }
        ArtifactKey key = keys.open();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = key.seal(nonce, plaintext);
        Base64.Encoder base64 = Base64.getEncoder();
        return Jcs.canonicalize(JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", GuardManifest.SCHEMA_VERSION)
                .put("created_at", GoTime.formatUtc(now))
                .put("producer_version", GaitVersion.current())
                .put("algorithm", ALGORITHM)
                .put("key_source", keys.source().toJson())
                .put("nonce", base64.encodeToString(nonce))
                .put("ciphertext", base64.encodeToString(sealed))
                .put("plain_sha256", Digests.sha256Hex(plaintext))
                .put("plain_size", plaintext.length)
                .build());
    }

    public static Opened open(byte[] artifact, EncryptionKeyProvider keys) {
        JsonObject json = parse(artifact);
        byte[] nonce = base64(json, "nonce");
        if (nonce.length != NONCE_BYTES) {
            throw invalid("nonce must be " + NONCE_BYTES + " bytes, got " + nonce.length);
        }
        byte[] sealed = base64(json, "ciphertext");
        byte[] plaintext = keys.open().open(nonce, sealed);
        String sha256 = Digests.sha256Hex(plaintext);
        if (!sha256.equals(json.string("plain_sha256").orElseThrow().toLowerCase(Locale.ROOT))
                || plaintext.length != ((JsonNumber) json.get("plain_size").orElseThrow()).value()) {
            throw new GaitException(ErrorCategory.VERIFICATION_FAILED, "decrypted payload digest mismatch");
        }
        return new Opened(plaintext, sha256);
    }

    private static JsonObject parse(byte[] artifact) {
        JsonObject json;
        try {
            json = JsonReader.strict().readObject(artifact);
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
        for (String member : json.members().keySet()) {
            if (!MEMBERS.contains(member)) {
                throw invalid("unknown field " + member);
            }
        }
        JsonObject keySource = json.object("key_source").orElseThrow(() -> invalid("key_source must be an object"));
        for (String member : keySource.members().keySet()) {
            if (!KEY_SOURCE_MEMBERS.contains(member) || keySource.string(member).isEmpty()) {
                throw invalid("key_source." + member + " is not allowed here or not a string");
            }
        }
        for (String member : MEMBERS) {
            if (!member.equals("key_source") && !member.equals("plain_size") && json.string(member).isEmpty()) {
                throw invalid(member + " must be a string");
            }
        }
        if (!json.string("schema_id").orElseThrow().equals(SCHEMA_ID) || !json.string("algorithm").orElseThrow().equals(ALGORITHM)) {
            throw invalid("not a " + SCHEMA_ID + " sealed with " + ALGORITHM);
        }
        if (!(json.get("plain_size").orElse(null) instanceof JsonNumber size) || size.value() < 0 || size.value() != Math.rint(size.value())) {
            throw invalid("plain_size must be a whole number");
        }
        if (!Digests.isSha256Hex(json.string("plain_sha256").orElseThrow().toLowerCase(Locale.ROOT))) {
            throw invalid("plain_sha256 must be 64 hex digits");
        }
        return json;
    }

    private static byte[] base64(JsonObject json, String member) {
        try {
            return Base64.getDecoder().decode(json.string(member).orElseThrow());
        } catch (IllegalArgumentException e) {
            throw invalid("decode " + member + ": not standard base64");
        }
    }

    private static GaitException invalid(String why) {
        return GaitException.invalidInput("parse encrypted artifact: " + why);
    }
}
