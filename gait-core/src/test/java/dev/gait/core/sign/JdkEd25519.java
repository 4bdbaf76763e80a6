package dev.gait.core.sign;

import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** The JDK's own Ed25519 verifier, an implementation independent of ours, for cross-checks in tests. */
public final class JdkEd25519 {
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private JdkEd25519() {}

    /** A raw 32-byte Ed25519 public key as the JDK's key: the fixed SubjectPublicKeyInfo prefix and the key. */
    public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) throws GeneralSecurityException {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(publicKey(publicKey));
        jdk.update(message);
        return jdk.verify(signature);
    }
}
