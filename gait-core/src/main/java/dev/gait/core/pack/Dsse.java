package dev.gait.core.pack;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.json.StrictMembers;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.SignatureStatus;
import dev.gait.core.sign.Signer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Dead Simple Signing Envelope (DSSE v1): a payload, its type, and signatures over the
 * pre-authentication encoding {@code PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body},
 * where LEN is the byte length in ASCII decimal. Signatures are Ed25519 over the PAE bytes.
 */
public final class Dsse {
    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private static final Set<String> ENVELOPE_MEMBERS = Set.of("payload", "payloadType", "signatures");
    private static final Set<String> SIGNATURE_MEMBERS = Set.of("keyid", "sig");

    private Dsse() {}

    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    public record Signature(String keyId, String sig) {
        JsonObject toJson() {
            return JsonObject.builder().put("keyid", keyId).put("sig", sig).build();
        }
    }

    /** What checking an envelope's signatures found. */
    public record Check(SignatureStatus status, List<String> errors) {}

    public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
        public Envelope {
            payload = payload.clone();
            signatures = List.copyOf(signatures);
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** An envelope for {@code payload}, signed when {@code signer} is non-null and unsigned otherwise. */
        public static Envelope sign(String payloadType, byte[] payload, Signer signer) {
            List<Signature> signatures = signer == null ? List.of() : List.of(new Signature(signer.keyId(),
                    Base64.getEncoder().encodeToString(signer.sign(pae(payloadType, payload)))));
            return new Envelope(payloadType, payload, signatures);
        }

        public JsonObject toJson() {
            return JsonObject.builder()
                    .put("payloadType", payloadType)
                    .put("payload", Base64.getEncoder().encodeToString(payload))
                    .put("signatures", new JsonArray(signatures.stream().<JsonValue>map(Signature::toJson).toList()))
                    .build();
        }

        /** Reads an envelope strictly: exactly DSSE's members, standard base64, no unknown members. */
        public static Envelope parse(JsonObject json) {
            StrictMembers.only(json, ENVELOPE_MEMBERS, "DSSE envelope");
            byte[] payload = base64(StrictMembers.string(json, "payload"), "payload");
            List<Signature> signatures = new ArrayList<>();
            for (JsonObject signature : StrictMembers.objects(json, "signatures")) {
                StrictMembers.only(signature, SIGNATURE_MEMBERS, "DSSE signature");
                signatures.add(new Signature(StrictMembers.string(signature, "keyid"), StrictMembers.string(signature, "sig")));
            }
            return new Envelope(StrictMembers.string(json, "payloadType"), payload, signatures);
        }

        /**
         * {@code verified} when one signature checks out with a trusted key (a non-empty key id must name
         * that key), {@code failed} when none does, {@code missing} without signatures and
         * {@code skipped} without keys.
         */
        public Check verify(List<byte[]> keys) {
            if (signatures.isEmpty()) {
                return new Check(SignatureStatus.MISSING, List.of());
            }
            if (keys.isEmpty()) {
                return new Check(SignatureStatus.SKIPPED, List.of());
            }
            byte[] message = pae(payloadType, payload);
            List<String> errors = new ArrayList<>();
            for (Signature signature : signatures) {
                byte[] sig;
                try {
                    sig = base64(signature.sig(), "sig");
                } catch (JsonException e) {
                    errors.add("DSSE signature " + signature.keyId() + ": " + e.getMessage());
                    continue;
                }
                for (byte[] key : keys) {
                    boolean keyMatches = signature.keyId().isEmpty() || signature.keyId().equals(Ed25519KeyPair.keyId(key));
                    if (keyMatches && Ed25519KeyPair.verify(key, message, sig)) {
                        return new Check(SignatureStatus.VERIFIED, List.of());
                    }
                }
                errors.add("DSSE signature " + signature.keyId() + ": does not verify with a trusted key");
            }
            return new Check(SignatureStatus.FAILED, errors);
        }

        private static byte[] base64(String text, String what) {
            try {
                byte[] decoded = Base64.getDecoder().decode(text);
                if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
                    throw new JsonException("DSSE " + what + " is not canonical base64");
                }
                return decoded;
            } catch (IllegalArgumentException e) {
                throw new JsonException("DSSE " + what + " is not valid base64");
            }
        }
    }
}
