package dev.gait.core.sign;

import dev.gait.core.digest.Digests;
import java.security.MessageDigest;
import java.util.Base64;

/** Signs and verifies Gait digests: Ed25519 over the 32 raw digest bytes, never over the hex. */
public final class Signatures {

    private Signatures() {}

    /** Signs a SHA-256 digest given as lowercase hex. */
    public static SignatureRecord signDigest(Signer signer, String digestHex) {
        if (!Digests.isSha256Hex(digestHex)) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + digestHex);
        }
        byte[] signature = signer.sign(Digests.fromHex(digestHex));
        return new SignatureRecord(SignatureRecord.ED25519, signer.keyId(),
                Base64.getEncoder().encodeToString(signature), digestHex);
    }

    /**
     * Checks {@code signature} against the digest recomputed from the artifact and a trusted
     * public key. Every failure names its reason; nothing here throws on hostile input.
     */
    public static Verification verifyDigest(byte[] publicKey, SignatureRecord signature, String recomputedDigestHex) {
        if (!SignatureRecord.ED25519.equals(signature.alg())) {
            return Verification.failed("unsupported signature algorithm: " + signature.alg());
        }
        String expectedKeyId = Ed25519KeyPair.keyId(publicKey);
        if (!signature.keyId().isEmpty() && !signature.keyId().equals(expectedKeyId)) {
            return Verification.failed("signature key_id " + signature.keyId() + " does not match the verify key " + expectedKeyId);
        }
        if (signature.signedDigest().isEmpty()) {
            return Verification.failed("signature has no signed_digest");
        }
        if (!MessageDigest.isEqual(signature.signedDigest().getBytes(), recomputedDigestHex.getBytes())) {
            return Verification.failed("signed_digest mismatch");
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(signature.sig());
        } catch (IllegalArgumentException e) {
            return Verification.failed("signature is not valid base64");
        }
        // Decoders ignore the unused bits of the last base64 character, so several strings decode to
        // one signature; only the canonical encoding is accepted, and every byte of evidence counts.
        if (!Base64.getEncoder().encodeToString(sig).equals(signature.sig())) {
            return Verification.failed("signature is not canonical base64");
        }
        if (sig.length != 64) {
            return Verification.failed("signature must be 64 bytes, got " + sig.length);
        }
        if (!Ed25519KeyPair.verify(publicKey, Digests.fromHex(recomputedDigestHex), sig)) {
            return Verification.failed("signature does not verify");
        }
        return Verification.VERIFIED;
    }

    /** The outcome of a signature check. */
    public record Verification(boolean verified, String reason) {
        public static final Verification VERIFIED = new Verification(true, "");

        static Verification failed(String reason) {
            return new Verification(false, reason);
        }
    }
}
