package dev.gait.core.sign;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks an artifact's signature objects against trusted public keys: {@code verified} when at
 * least one checks out, {@code failed} when none does, {@code missing} without signatures and
 * {@code skipped} without keys.
 */
public record SignatureCheck(SignatureStatus status, List<String> errors, int total, int valid, String note) {

    private static final Set<String> SIGNATURE_MEMBERS = Set.of("alg", "key_id", "sig", "signed_digest");

    public SignatureCheck {
        errors = List.copyOf(errors);
    }

    /**
     * @param signatures   the artifact's signature objects
     * @param signedDigest the hex digest the signatures must cover
     * @param missingNote  the note when there are no signatures and one is required
     */
    public static SignatureCheck of(List<JsonValue> signatures, String signedDigest, List<byte[]> keys, boolean required,
                                    String missingNote) {
        if (signatures.isEmpty()) {
            return new SignatureCheck(SignatureStatus.MISSING, List.of(), 0, 0, required ? missingNote : "");
        }
        if (keys.isEmpty()) {
            return new SignatureCheck(SignatureStatus.SKIPPED, List.of(), signatures.size(), 0, "public key not configured");
        }
        List<String> errors = new ArrayList<>();
        int valid = 0;
        for (JsonValue value : signatures) {
            if (!(value instanceof JsonObject json)) {
                errors.add("signature entry is not an object");
                continue;
            }
            String malformed = malformed(json);
            if (!malformed.isEmpty()) {
                errors.add(malformed);
                continue;
            }
            SignatureRecord signature = SignatureRecord.fromJson(json);
            String reason = verifyWithAny(keys, signature, signedDigest);
            if (reason.isEmpty()) {
                valid++;
            } else {
                errors.add((signature.keyId().isEmpty() ? "signature" : "signature " + signature.keyId()) + ": " + reason);
            }
        }
        SignatureStatus status = valid > 0 ? SignatureStatus.VERIFIED : SignatureStatus.FAILED;
        return new SignatureCheck(status, valid > 0 ? List.of() : errors, signatures.size(), valid, "");
    }

    /** Whether a required signature passed, or an optional one did not fail. */
    public boolean passes(boolean required) {
        return required ? status == SignatureStatus.VERIFIED : status != SignatureStatus.FAILED;
    }

    /** Empty when one of the keys verifies the signature, else the last key's reason. */
    private static String verifyWithAny(List<byte[]> keys, SignatureRecord signature, String signedDigest) {
        String reason = "";
        for (byte[] key : keys) {
            Signatures.Verification result = Signatures.verifyDigest(key, signature, signedDigest);
            if (result.verified()) {
                return "";
            }
            reason = result.reason();
        }
        return reason;
    }

    /**
     * A signature object must be exactly what the schema allows: alg, key_id and sig as strings,
     * optionally signed_digest. Signatures sit outside the signed bytes, so anything more would be
     * unauthenticated data riding along in a verified artifact.
     */
    private static String malformed(JsonObject json) {
        for (String member : json.members().keySet()) {
            if (!SIGNATURE_MEMBERS.contains(member)) {
                return "signature has unexpected member " + member;
            }
        }
        for (String required : new String[] {"alg", "key_id", "sig"}) {
            if (json.string(required).isEmpty()) {
                return "signature lacks " + required;
            }
        }
        if (json.has("signed_digest") && json.string("signed_digest").isEmpty()) {
            return "signature signed_digest is not a string";
        }
        return "";
    }
}
