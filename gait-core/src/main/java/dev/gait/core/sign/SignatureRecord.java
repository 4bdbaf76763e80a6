package dev.gait.core.sign;

import dev.gait.core.json.JsonObject;

/**
 * Gait's signature object {@code {alg, key_id, sig, signed_digest}}: an Ed25519 signature
 * (standard padded base64) over the raw 32 bytes of {@code signed_digest}.
 */
public record SignatureRecord(String alg, String keyId, String sig, String signedDigest) {
    public static final String ED25519 = "ed25519";

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("alg", alg)
                .put("key_id", keyId)
                .put("sig", sig)
                .putOmitEmpty("signed_digest", signedDigest)
                .build();
    }

    /** Reads a signature object; absent members read as empty strings, which verification rejects. */
    public static SignatureRecord fromJson(JsonObject json) {
        return new SignatureRecord(
                json.string("alg").orElse(""),
                json.string("key_id").orElse(""),
                json.string("sig").orElse(""),
                json.string("signed_digest").orElse(""));
    }
}
