package dev.gait.core.sign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.testkit.GaitReference;
import dev.gait.testkit.GaitSchemas;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static final String SCENARIO = "scenarios/approval-token-valid/";

    @Test
    void verifies_a_signature_made_by_gait_v1() {
        JsonObject token = JsonReader.strict().readObject(GaitReference.bytes(SCENARIO + "approval-token.json"));
        byte[] publicKey = GoKeyText.decodePublic(new KeySource.EnvSource("K",
                Map.of("K", GaitReference.text(SCENARIO + "approval_public.key"))));
        SignatureRecord signature = SignatureRecord.fromJson(token.object("signature").orElseThrow());

        String recomputed = Digests.jcsHex(token.without("signature"));
        assertThat(recomputed).isEqualTo(signature.signedDigest());
        assertThat(signature.keyId()).isEqualTo(Ed25519KeyPair.keyId(publicKey));
        assertThat(Signatures.verifyDigest(publicKey, signature, recomputed).verified()).isTrue();
        GaitSchemas.assertValid("gate/approval_token", GaitReference.text(SCENARIO + "approval-token.json"));
    }

    @Test
    void a_changed_field_breaks_the_gait_v1_signature() {
        JsonObject token = JsonReader.strict().readObject(GaitReference.bytes(SCENARIO + "approval-token.json"));
        byte[] publicKey = Base64.getDecoder().decode(GaitReference.text(SCENARIO + "approval_public.key").strip());
        SignatureRecord signature = SignatureRecord.fromJson(token.object("signature").orElseThrow());
        JsonObject widened = token.toBuilder().putStrings("scope", java.util.List.of("tool:*")).build();

        Signatures.Verification result = Signatures.verifyDigest(publicKey, signature, Digests.jcsHex(widened.without("signature")));
        assertThat(result.verified()).isFalse();
        assertThat(result.reason()).isEqualTo("signed_digest mismatch");
    }

    @Test
    void signs_the_raw_digest_bytes_and_names_every_failure() {
        LocalSigner signer = new LocalSigner(Ed25519KeyPair.generate(new SecureRandom()));
        String digest = Digests.sha256Hex("artifact");
        SignatureRecord signature = Signatures.signDigest(signer, digest);

        assertThat(signature.alg()).isEqualTo("ed25519");
        assertThat(signature.keyId()).isEqualTo(Digests.sha256Hex(signer.publicKey()));
        assertThat(Ed25519KeyPair.verify(signer.publicKey(), Digests.fromHex(digest), Base64.getDecoder().decode(signature.sig()))).isTrue();
        assertThat(Signatures.verifyDigest(signer.publicKey(), signature, digest).verified()).isTrue();

        byte[] otherKey = Ed25519KeyPair.generate(new SecureRandom()).publicKey();
        assertThat(Signatures.verifyDigest(otherKey, signature, digest).reason()).contains("does not match the verify key");
        SignatureRecord noKeyId = new SignatureRecord("ed25519", "", signature.sig(), digest);
        assertThat(Signatures.verifyDigest(otherKey, noKeyId, digest).reason()).isEqualTo("signature does not verify");
        assertThat(Signatures.verifyDigest(signer.publicKey(), new SignatureRecord("rsa", "", signature.sig(), digest), digest).reason())
                .contains("unsupported signature algorithm");
        assertThat(Signatures.verifyDigest(signer.publicKey(), new SignatureRecord("ed25519", "", signature.sig(), ""), digest).reason())
                .isEqualTo("signature has no signed_digest");
        assertThat(Signatures.verifyDigest(signer.publicKey(), new SignatureRecord("ed25519", "", "!!", digest), digest).reason())
                .contains("base64");
        assertThat(Signatures.verifyDigest(signer.publicKey(), new SignatureRecord("ed25519", "", "AAAA", digest), digest).reason())
                .contains("64 bytes");
    }

    @Test
    void signature_objects_round_trip_through_json() {
        SignatureRecord record = new SignatureRecord("ed25519", "k", "s", "d");
        assertThat(SignatureRecord.fromJson(record.toJson())).isEqualTo(record);
        assertThat(new SignatureRecord("ed25519", "k", "s", "").toJson().has("signed_digest")).isFalse();
    }
}
