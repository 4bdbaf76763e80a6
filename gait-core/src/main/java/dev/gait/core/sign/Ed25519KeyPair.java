package dev.gait.core.sign;

import dev.gait.core.digest.Digests;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 key pair held in memory: the 32-byte seed and the 32-byte public key. Go stores the
 * private key as the 64 bytes {@code seed || public}; {@link #goPrivateKey()} and
 * {@link #fromGoPrivateKey(byte[])} convert.
 */
public final class Ed25519KeyPair {
    public static final int SEED_BYTES = Ed25519.SECRET_KEY_SIZE;
    public static final int PUBLIC_KEY_BYTES = Ed25519.PUBLIC_KEY_SIZE;
    public static final int GO_PRIVATE_KEY_BYTES = SEED_BYTES + PUBLIC_KEY_BYTES;

    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519KeyPair(byte[] seed, byte[] publicKey) {
        this.seed = seed;
        this.publicKey = publicKey;
    }

    public static Ed25519KeyPair generate(SecureRandom random) {
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        return fromSeed(seed);
    }

    public static Ed25519KeyPair fromSeed(byte[] seed) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        byte[] publicKey = new byte[PUBLIC_KEY_BYTES];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return new Ed25519KeyPair(seed.clone(), publicKey);
    }

    /** Reads Go's 64-byte layout and checks that its public half belongs to its seed. */
    public static Ed25519KeyPair fromGoPrivateKey(byte[] goPrivateKey) {
        if (goPrivateKey.length != GO_PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("private key must be 64 bytes, got " + goPrivateKey.length);
        }
        Ed25519KeyPair pair = fromSeed(Arrays.copyOfRange(goPrivateKey, 0, SEED_BYTES));
        byte[] storedPublic = Arrays.copyOfRange(goPrivateKey, SEED_BYTES, GO_PRIVATE_KEY_BYTES);
        if (!MessageDigest.isEqual(storedPublic, pair.publicKey)) {
            throw new IllegalArgumentException("private key is inconsistent: its public half does not match its seed");
        }
        return pair;
    }

    public byte[] goPrivateKey() {
        byte[] out = Arrays.copyOf(seed, GO_PRIVATE_KEY_BYTES);
        System.arraycopy(publicKey, 0, out, SEED_BYTES, PUBLIC_KEY_BYTES);
        return out;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String keyId() {
        return keyId(publicKey);
    }

    /** Gait's key id: SHA-256 hex of the raw 32-byte public key. */
    public static String keyId(byte[] publicKey) {
        return Digests.sha256Hex(publicKey);
    }

    byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** Ed25519 verification; false for malformed keys or signatures. */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }
}
