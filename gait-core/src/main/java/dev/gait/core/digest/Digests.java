package dev.gait.core.digest;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as Gait defines them: lowercase hex, over raw bytes or over JCS bytes. */
public final class Digests {

    private static final HexFormat HEX = HexFormat.of();

    private Digests() {}

    public static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    /** A fresh SHA-256 for streamed input. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256(data));
    }

    public static String sha256Hex(String utf8Text) {
        return sha256Hex(utf8Text.getBytes(StandardCharsets.UTF_8));
    }

    /** "Digest of X": SHA-256 hex of the RFC 8785 canonical form of X. */
    public static String jcsHex(JsonValue value) {
        return sha256Hex(Jcs.canonicalize(value));
    }

    /** Whether {@code text} is a lowercase 64-character SHA-256 hex digest. */
    public static boolean isSha256Hex(String text) {
        if (text == null || text.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
