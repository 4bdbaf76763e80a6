package dev.gait.core.bundle;

import dev.gait.core.sign.Ed25519KeyPair;
import java.util.List;
import java.util.Set;

/**
 * A public key a bundle tells enforcement points to trust, and for what: approval tokens,
 * delegation tokens, approved-script entries.
 */
public record TrustedKey(byte[] publicKey, List<String> purposes) {
    public static final String APPROVAL = "approval";
    public static final String DELEGATION = "delegation";
    public static final String APPROVED_SCRIPT = "approved_script";
    static final Set<String> PURPOSES = Set.of(APPROVAL, DELEGATION, APPROVED_SCRIPT);

    public TrustedKey {
        if (publicKey.length != Ed25519KeyPair.PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("a trusted key is a 32-byte Ed25519 public key, got " + publicKey.length + " bytes");
        }
        if (purposes.isEmpty() || !PURPOSES.containsAll(purposes)) {
            throw new IllegalArgumentException("trusted key purposes must be some of " + PURPOSES + ", got " + purposes);
        }
        publicKey = publicKey.clone();
        purposes = purposes.stream().distinct().sorted().toList();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String keyId() {
        return Ed25519KeyPair.keyId(publicKey);
    }

    public boolean trustedFor(String purpose) {
        return purposes.contains(purpose);
    }
}
