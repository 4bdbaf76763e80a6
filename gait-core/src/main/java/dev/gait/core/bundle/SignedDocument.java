package dev.gait.core.bundle;

import dev.gait.core.bundle.BundleRejectedException.Reason;
import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.StrictMembers;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.SignatureRecord;
import dev.gait.core.sign.Signatures;
import dev.gait.core.sign.Signer;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What releases and bundles share: the document is published as its RFC 8785 canonical bytes, and
 * its {@code signature} member (Gait's signature object) signs the digest of the canonical form of
 * everything else. That digest is the document's content address.
 */
final class SignedDocument {
    static final String SCHEMA_VERSION = "1.0.0";
    private static final Set<String> SIGNATURE_MEMBERS = Set.of("alg", "key_id", "sig", "signed_digest");

    /** A document whose signature verified: the members without the signature, and their digest. */
    record Opened(JsonObject body, String digest) {}

    private SignedDocument() {}

    /** The published bytes: the canonical form of {@code body} with its signature added. */
    static byte[] sign(JsonObject body, Signer signer) {
        String digest = Digests.jcsHex(body);
        return Jcs.canonicalize(body.toBuilder().put("signature", Signatures.signDigest(signer, digest).toJson()).build());
    }

    /**
     * Checks, in order: JSON object, schema, canonical bytes, members, signature by one of the
     * trusted keys over the digest of the body. Every failure is a {@link BundleRejectedException}.
     */
    static Opened open(byte[] bytes, String schemaId, Set<String> members, List<byte[]> trustedKeys) {
        JsonObject document;
        try {
            document = JsonReader.strict().readObject(bytes);
        } catch (JsonException e) {
            throw new BundleRejectedException(Reason.MALFORMED, e.getMessage());
        }
        String schema = document.string("schema_id").orElse("");
        String version = document.string("schema_version").orElse("");
        if (!schema.equals(schemaId) || !version.equals(SCHEMA_VERSION)) {
            throw new BundleRejectedException(Reason.UNKNOWN_SCHEMA,
                    "expected " + schemaId + " " + SCHEMA_VERSION + ", got '" + schema + "' '" + version + "'");
        }
        if (!MessageDigest.isEqual(bytes, Jcs.canonicalize(document))) {
            throw new BundleRejectedException(Reason.NOT_CANONICAL, schemaId + " bytes are not in RFC 8785 canonical form");
        }
        Set<String> allowed = new HashSet<>(members);
        allowed.add("signature");
        only(document, allowed, schemaId);
        JsonObject signature = document.object("signature").orElseThrow(
                () -> new BundleRejectedException(Reason.UNSIGNED, schemaId + " has no signature object"));
        JsonObject body = document.without("signature");
        String digest = Digests.jcsHex(body);
        checkSignature(signature, digest, trustedKeys);
        return new Opened(body, digest);
    }

    private static void checkSignature(JsonObject json, String digest, List<byte[]> trustedKeys) {
        for (String member : json.members().keySet()) {
            if (!SIGNATURE_MEMBERS.contains(member)) {
                throw new BundleRejectedException(Reason.MALFORMED, "signature has unexpected member " + member);
            }
        }
        SignatureRecord signature = SignatureRecord.fromJson(json);
        byte[] key = trustedKeys.stream().filter(k -> Ed25519KeyPair.keyId(k).equals(signature.keyId())).findFirst().orElseThrow(
                () -> new BundleRejectedException(Reason.WRONG_KEY, "signed by key " + signature.keyId() + ", which is not trusted"));
        if (!MessageDigest.isEqual(signature.signedDigest().getBytes(), digest.getBytes())) {
            throw new BundleRejectedException(Reason.DIGEST_MISMATCH, "signed_digest " + signature.signedDigest()
                    + " is not the digest of the content " + digest);
        }
        Signatures.Verification verification = Signatures.verifyDigest(key, signature, digest);
        if (!verification.verified()) {
            throw new BundleRejectedException(Reason.BAD_SIGNATURE, verification.reason());
        }
    }

    /** A required non-blank string member. */
    static String text(JsonObject body, String member) {
        try {
            String value = StrictMembers.string(body, member);
            if (value.isBlank()) {
                throw new BundleRejectedException(Reason.MALFORMED, member + " is missing or blank");
            }
            return value;
        } catch (JsonException e) {
            throw new BundleRejectedException(Reason.MALFORMED, e.getMessage());
        }
    }

    /** A required RFC 3339 time member. */
    static OffsetDateTime time(JsonObject body, String member) {
        String text = text(body, member);
        try {
            return GoTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BundleRejectedException(Reason.MALFORMED, member + " is not an RFC 3339 time: " + text);
        }
    }

    /** Fails as malformed on any member not in {@code allowed}. */
    static void only(JsonObject json, Set<String> allowed, String what) {
        try {
            StrictMembers.only(json, allowed, what);
        } catch (JsonException e) {
            throw new BundleRejectedException(Reason.MALFORMED, e.getMessage());
        }
    }

    static JsonObject object(JsonObject body, String member) {
        try {
            return StrictMembers.object(body, member)
                    .orElseThrow(() -> new BundleRejectedException(Reason.MALFORMED, member + " is missing"));
        } catch (JsonException e) {
            throw new BundleRejectedException(Reason.MALFORMED, e.getMessage());
        }
    }
}
