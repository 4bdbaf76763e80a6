package dev.gait.core.sign;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.error.GaitException;
import java.util.Base64;

/**
 * Gait's key text format: one line of standard base64 followed by a newline. Private keys are
 * Go's 64-byte {@code seed || public}, public keys the raw 32 bytes.
 */
public final class GoKeyText {

    private GoKeyText() {}

    public static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key) + "\n";
    }

    public static Ed25519KeyPair decodePrivate(KeySource source) {
        byte[] bytes = decode(source, Ed25519KeyPair.GO_PRIVATE_KEY_BYTES, "private");
        try {
            return Ed25519KeyPair.fromGoPrivateKey(bytes);
        } catch (IllegalArgumentException e) {
            throw GaitException.invalidInput(source.describe() + ": " + e.getMessage(), e);
        }
    }

    public static byte[] decodePublic(KeySource source) {
        return decode(source, Ed25519KeyPair.PUBLIC_KEY_BYTES, "public");
    }

    private static byte[] decode(KeySource source, int expectedBytes, String kind) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(GoStrings.trimSpace(source.read()));
        } catch (IllegalArgumentException e) {
            throw GaitException.invalidInput(source.describe() + ": " + kind + " key is not valid base64", e);
        }
        if (bytes.length != expectedBytes) {
            throw GaitException.invalidInput(source.describe() + ": " + kind + " key must be "
                    + expectedBytes + " bytes, got " + bytes.length);
        }
        return bytes;
    }
}
