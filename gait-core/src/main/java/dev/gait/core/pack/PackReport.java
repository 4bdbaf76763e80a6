package dev.gait.core.pack;

import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.sign.SignatureStatus;
import java.util.List;

/**
 * The outcome of {@code gait pack verify}: file integrity, proof records, the manifest signature and
 * the attestation, for a PackSpec pack or a legacy runpack ({@code legacyType} {@code runpack}).
 * {@link #ok()} decides the exit code.
 */
public record PackReport(String path, String packId, String packType, String sourceRef, int filesChecked,
                         int proofRecordsVerified, List<String> missingFiles, List<VerifyReport.HashMismatch> hashMismatches,
                         List<String> undeclaredFiles, boolean manifestCanonical, SignatureStatus signatureStatus,
                         List<String> signatureErrors, int signaturesTotal, int signaturesValid, String signatureNote,
                         boolean signatureRequired, String legacyType, AttestationCheck attestation) {

    public PackReport {
        missingFiles = List.copyOf(missingFiles);
        hashMismatches = List.copyOf(hashMismatches);
        undeclaredFiles = List.copyOf(undeclaredFiles);
        signatureErrors = List.copyOf(signatureErrors);
    }

    /** A legacy runpack's verification in pack terms: its manifest digest is its id, its run its source. */
    static PackReport ofRunpack(VerifyReport report) {
        return new PackReport(report.path(), report.manifestDigest(), PackType.RUN.wire(), report.runId(),
                report.filesChecked(), 0, report.missingFiles(), report.hashMismatches(), report.undeclaredFiles(),
                report.manifestCanonical(), report.signatureStatus(), report.signatureErrors(), report.signaturesTotal(),
                report.signaturesValid(), report.signatureNote(), report.signatureRequired(), "runpack", AttestationCheck.absent());
    }

    public boolean integrityOk() {
        return missingFiles.isEmpty() && hashMismatches.isEmpty() && undeclaredFiles.isEmpty() && manifestCanonical;
    }

    public boolean signatureOk() {
        return signatureRequired ? signatureStatus == SignatureStatus.VERIFIED : signatureStatus != SignatureStatus.FAILED;
    }

    public boolean ok() {
        return integrityOk() && signatureOk() && attestation.passes(signatureRequired);
    }

    /** Why verification failed, in one line; empty when it passed. */
    public String failure() {
        String integrity = VerifyReport.integrityFailure(missingFiles, hashMismatches, undeclaredFiles, manifestCanonical);
        if (!integrity.isEmpty()) {
            return integrity;
        }
        if (!signatureOk()) {
            String why = signatureNote.isEmpty() ? String.join("; ", signatureErrors) : signatureNote;
            return "signature " + signatureStatus.wire() + (why.isEmpty() ? "" : ": " + why);
        }
        if (!attestation.problems().isEmpty()) {
            return "attestation: " + String.join("; ", attestation.problems());
        }
        if (!attestation.passes(signatureRequired)) {
            return "attestation signature " + attestation.signatureStatus().wire();
        }
        return "";
    }

    public JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder()
                .putOmitEmpty("pack_id", packId)
                .putOmitEmpty("pack_type", packType)
                .putOmitEmpty("source_ref", sourceRef)
                .put("files_checked", filesChecked)
                .putOmitEmpty("proof_records_verified", proofRecordsVerified);
        return VerifyReport.putFindings(json, missingFiles, hashMismatches, undeclaredFiles, manifestCanonical)
                .put("signature_status", signatureStatus.wire())
                .putStringsOmitEmpty("signature_errors", signatureErrors)
                .putOmitEmpty("signatures_total", signaturesTotal)
                .putOmitEmpty("signatures_valid", signaturesValid)
                .putOmitEmpty("signature_note", signatureNote)
                .putOmitEmpty("legacy_type", legacyType)
                .put("attestation", attestation.toJson())
                .build();
    }
}
