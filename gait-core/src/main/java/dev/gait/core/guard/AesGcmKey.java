package dev.gait.core.guard;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.canon.GoStrings;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** A software AES-256-GCM key, read from the base64 text a key source yields. */
final class AesGcmKey implements ArtifactKey {
    static final int KEY_BYTES = 32;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    private AesGcmKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
    }

    /** Decodes standard base64 (surrounding white space ignored) into exactly 32 bytes. */
    static AesGcmKey fromBase64(String text, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(GoStrings.trimSpace(text));
        } catch (IllegalArgumentException e) {
            throw GaitException.invalidInput("decode encryption key from " + source + ": not standard base64", e);
        }
        try {
            if (raw.length != KEY_BYTES) {
                throw GaitException.invalidInput("decode encryption key from " + source + ": expected 32-byte key, got " + raw.length);
            }
            return new AesGcmKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public byte[] seal(byte[] nonce, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, nonce).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    @Override
    public byte[] open(byte[] nonce, byte[] sealed) {
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce).doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw new GaitException(ErrorCategory.VERIFICATION_FAILED,
                    "decrypt artifact: authentication failed (wrong key, or the ciphertext was altered)", e);
        } catch (GeneralSecurityException e) {
            throw GaitException.invalidInput("decrypt artifact: " + e.getMessage(), e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }
}
