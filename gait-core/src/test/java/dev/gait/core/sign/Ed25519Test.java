package dev.gait.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ed25519Test {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
        // RFC 8032 section 7.1, tests 1 and 2: secret key, public key, message, signature
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
                + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,,"
                + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
                + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c,72,"
                + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
    })
    void reproduces_rfc8032_vectors(String seed, String publicKey, String message, String signature) {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(HEX.parseHex(seed));
        byte[] msg = message == null ? new byte[0] : HEX.parseHex(message);
        assertThat(HEX.formatHex(pair.publicKey())).isEqualTo(publicKey);
        assertThat(HEX.formatHex(new LocalSigner(pair).sign(msg))).isEqualTo(signature);
        assertThat(Ed25519KeyPair.verify(pair.publicKey(), msg, HEX.parseHex(signature))).isTrue();
    }

    @Test
    void agrees_with_the_jdk_ed25519_provider_on_random_keys_and_messages() throws Exception {
        SplittableRandom random = new SplittableRandom(25519);
        for (int i = 0; i < 200; i++) {
            byte[] seed = new byte[32];
            byte[] message = new byte[random.nextInt(0, 100)];
            random.nextBytes(seed);
            random.nextBytes(message);
            Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
            byte[] ours = new LocalSigner(pair).sign(message);
            assertThat(JdkEd25519.verify(pair.publicKey(), message, ours)).as("JDK verifies our signature %d", i).isTrue();
        }
    }

    @Test
    void rejects_tampered_messages_signatures_and_keys() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        byte[] message = "digest".getBytes();
        byte[] signature = new LocalSigner(pair).sign(message);
        byte[] tamperedSignature = signature.clone();
        tamperedSignature[10] ^= 1;
        assertThat(Ed25519KeyPair.verify(pair.publicKey(), "digesT".getBytes(), signature)).isFalse();
        assertThat(Ed25519KeyPair.verify(pair.publicKey(), message, tamperedSignature)).isFalse();
        assertThat(Ed25519KeyPair.verify(Ed25519KeyPair.generate(new SecureRandom()).publicKey(), message, signature)).isFalse();
        assertThat(Ed25519KeyPair.verify(new byte[31], message, signature)).isFalse();
        assertThat(Ed25519KeyPair.verify(pair.publicKey(), message, new byte[63])).isFalse();
    }

    @Test
    void go_private_key_layout_round_trips_and_must_be_consistent() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        byte[] go = pair.goPrivateKey();
        assertThat(go).hasSize(64);
        assertThat(Ed25519KeyPair.fromGoPrivateKey(go).keyId()).isEqualTo(pair.keyId());

        byte[] inconsistent = go.clone();
        inconsistent[40] ^= 1;
        assertThatThrownBy(() -> Ed25519KeyPair.fromGoPrivateKey(inconsistent))
                .hasMessageContaining("public half does not match");
        assertThatThrownBy(() -> Ed25519KeyPair.fromGoPrivateKey(new byte[32])).hasMessageContaining("64 bytes");
    }
}
