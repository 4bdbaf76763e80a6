package dev.gait.core.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.sign.SignatureStatus;
import dev.gait.core.sign.JdkEd25519;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DSSE v1 as its specification lays out the bytes, checked without our own encoder. */
class DsseTest {

    @Test
    void pae_is_the_byte_layout_of_the_dsse_specification() {
        // The example of the DSSE protocol document: PAE("http://example.com/HelloWorld", "hello world").
        assertThat(new String(Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void pae_lengths_count_bytes_not_characters_and_the_body_is_copied_verbatim() {
        byte[] body = {0, (byte) 0xff, ' ', '\n'};
        byte[] pae = Dsse.pae("t\u00e9", body);
        byte[] expected = concat("DSSEv1 3 ".getBytes(StandardCharsets.US_ASCII), "t\u00e9".getBytes(StandardCharsets.UTF_8),
                " 4 ".getBytes(StandardCharsets.US_ASCII), body);
        assertThat(pae).isEqualTo(expected);
        assertThat(new String(Dsse.pae("", new byte[0]), StandardCharsets.US_ASCII)).isEqualTo("DSSEv1 0  0 ");
    }

    @Test
    void an_envelope_signature_verifies_with_the_jdk_over_independently_built_pae() throws Exception {
        byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
        Dsse.Envelope envelope = Dsse.Envelope.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, payload, PackFixtures.SIGNER);
        Dsse.Signature signature = envelope.signatures().getFirst();
        assertThat(signature.keyId()).isEqualTo(PackFixtures.KEY.keyId());

        String pae = "DSSEv1 " + Dsse.IN_TOTO_PAYLOAD_TYPE.length() + " " + Dsse.IN_TOTO_PAYLOAD_TYPE + " " + payload.length + " "
                + new String(payload, StandardCharsets.UTF_8);
        assertThat(JdkEd25519.verify(PackFixtures.KEY.publicKey(), pae.getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(signature.sig()))).isTrue();

        assertThat(envelope.verify(List.of(PackFixtures.KEY.publicKey())).status()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(envelope.toJson().string("payload")).contains(Base64.getEncoder().encodeToString(payload));
    }

    @Test
    void a_changed_payload_type_or_payload_no_longer_verifies() {
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        Dsse.Envelope signed = Dsse.Envelope.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, payload, PackFixtures.SIGNER);
        List<byte[]> keys = List.of(PackFixtures.KEY.publicKey());
        assertThat(new Dsse.Envelope("application/json", payload, signed.signatures()).verify(keys).status())
                .isEqualTo(SignatureStatus.FAILED);
        assertThat(new Dsse.Envelope(Dsse.IN_TOTO_PAYLOAD_TYPE, "{ }".getBytes(StandardCharsets.UTF_8), signed.signatures())
                .verify(keys).status()).isEqualTo(SignatureStatus.FAILED);
        assertThat(Dsse.Envelope.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, payload, null).verify(keys).status()).isEqualTo(SignatureStatus.MISSING);
        assertThat(signed.verify(List.of()).status()).isEqualTo(SignatureStatus.SKIPPED);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
