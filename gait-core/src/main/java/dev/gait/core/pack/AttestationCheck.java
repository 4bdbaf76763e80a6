package dev.gait.core.pack;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.SignatureStatus;
import java.util.List;
import java.util.Optional;

/**
 * What checking a pack's attestation found: whether the pack has one, its DSSE signature status,
 * problems with its subjects, inputs or predecessor, and whether the link to the predecessor was
 * checked ({@code none}: no predecessor; {@code unchecked}: not looked for; {@code verified};
 * {@code broken}).
 */
public record AttestationCheck(boolean present, SignatureStatus signatureStatus, List<String> problems, int subjects,
                               List<PackInput> inputs, Optional<Predecessor> predecessor, String chainStatus) {
    public static final String CHAIN_NONE = "none";
    public static final String CHAIN_UNCHECKED = "unchecked";
    public static final String CHAIN_VERIFIED = "verified";
    public static final String CHAIN_BROKEN = "broken";

    public AttestationCheck {
        problems = List.copyOf(problems);
        inputs = List.copyOf(inputs);
    }

    /** A pack without an attestation (built by Gait v1): nothing to check, nothing claimed. */
    static AttestationCheck absent() {
        return new AttestationCheck(false, SignatureStatus.MISSING, List.of(), 0, List.of(), Optional.empty(), CHAIN_NONE);
    }

    /** Whether the attestation holds: no problems, no broken link, and its signature passes as the manifest's must. */
    public boolean passes(boolean signatureRequired) {
        if (!present) {
            return true;
        }
        boolean signatureOk = signatureRequired ? signatureStatus == SignatureStatus.VERIFIED : signatureStatus != SignatureStatus.FAILED;
        return problems.isEmpty() && !chainStatus.equals(CHAIN_BROKEN) && signatureOk;
    }

    public JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder().put("present", present);
        if (!present) {
            return json.build();
        }
        json.put("predicate_type", PackAttestation.PREDICATE_TYPE)
                .put("signature_status", signatureStatus.wire())
                .put("subjects_checked", subjects)
                .put("inputs", new JsonArray(inputs.stream().<JsonValue>map(PackInput::toJson).toList()))
                .put("chain_status", chainStatus)
                .putStringsOmitEmpty("problems", problems);
        predecessor.ifPresent(p -> json.put("predecessor", p.toJson()));
        return json.build();
    }
}
