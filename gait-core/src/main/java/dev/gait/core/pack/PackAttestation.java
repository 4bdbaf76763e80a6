package dev.gait.core.pack;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.json.StrictMembers;
import dev.gait.core.sign.Signer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * A pack's attestation entry: an in-toto Statement v1 in a DSSE envelope, one JSON line. Its subjects
 * are every other entry of the pack (path and SHA-256); its predicate is the pack's
 * {@link PackProvenance}. It is an ordinary pack entry, listed in the manifest, so the manifest's
 * pack id and signature cover it and Gait v1 verifiers accept the pack.
 */
public final class PackAttestation {
    public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
    public static final String PREDICATE_TYPE = "https://gait.dev/attestation/pack-provenance/v1";

    private static final Set<String> STATEMENT_MEMBERS = Set.of("_type", "subject", "predicateType", "predicate");
    private static final Set<String> SUBJECT_MEMBERS = Set.of("name", "digest");

    private PackAttestation() {}

    /** The attestation as read back: its envelope, its subjects (name to SHA-256) and its provenance. */
    public record Parsed(Dsse.Envelope envelope, Map<String, String> subjects, PackProvenance provenance) {}

    /** The entry's bytes: the JCS envelope and a newline. */
    static byte[] build(PackProvenance provenance, SortedMap<String, byte[]> subjects, Signer signer) {
        JsonObject statement = JsonObject.builder()
                .put("_type", STATEMENT_TYPE)
                .put("subject", new JsonArray(subjects.entrySet().stream().<JsonValue>map(file -> JsonObject.builder()
                        .put("name", file.getKey())
                        .put("digest", JsonObject.builder().put("sha256", Digests.sha256Hex(file.getValue())).build())
                        .build()).toList()))
                .put("predicateType", PREDICATE_TYPE)
                .put("predicate", provenance.toJson())
                .build();
        Dsse.Envelope envelope = Dsse.Envelope.sign(Dsse.IN_TOTO_PAYLOAD_TYPE, Jcs.canonicalize(statement), signer);
        return (Jcs.canonicalString(envelope.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads the entry strictly; a malformed attestation is a verification failure. */
    public static Parsed parse(byte[] bytes) {
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
                throw new JsonException("expected exactly one JSON line");
            }
            Dsse.Envelope envelope = Dsse.Envelope.parse(JsonReader.strict().readObject(bytes));
            if (!envelope.payloadType().equals(Dsse.IN_TOTO_PAYLOAD_TYPE)) {
                throw new JsonException("payloadType must be " + Dsse.IN_TOTO_PAYLOAD_TYPE);
            }
            JsonObject statement = JsonReader.strict().readObject(envelope.payload());
            StrictMembers.only(statement, STATEMENT_MEMBERS, "statement");
            if (!StrictMembers.string(statement, "_type").equals(STATEMENT_TYPE)) {
                throw new JsonException("statement _type must be " + STATEMENT_TYPE);
            }
            if (!StrictMembers.string(statement, "predicateType").equals(PREDICATE_TYPE)) {
                throw new JsonException("predicateType must be " + PREDICATE_TYPE);
            }
            Map<String, String> subjects = new LinkedHashMap<>();
            for (JsonObject subject : StrictMembers.objects(statement, "subject")) {
                StrictMembers.only(subject, SUBJECT_MEMBERS, "subject");
                JsonObject digest = StrictMembers.object(subject, "digest").orElse(JsonObject.EMPTY);
                if (subjects.put(StrictMembers.string(subject, "name"), StrictMembers.string(digest, "sha256")) != null) {
                    throw new JsonException("subject named twice: " + StrictMembers.string(subject, "name"));
                }
            }
            PackProvenance provenance = PackProvenance.fromJson(StrictMembers.object(statement, "predicate").orElse(JsonObject.EMPTY));
            return new Parsed(envelope, subjects, provenance);
        } catch (JsonException e) {
            throw new GaitException(ErrorCategory.VERIFICATION_FAILED, PackFiles.ATTESTATION + ": " + e.getMessage());
        }
    }
}
