package dev.gait.core.runpack;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.SignatureStatus;
import java.util.List;

/**
 * The outcome of verifying a runpack: integrity of every payload, the manifest digest, and the
 * signature check. {@link #ok()} decides the exit code.
 */
public record VerifyReport(
        String path, String runId, String manifestDigest, int filesChecked, List<String> missingFiles,
        List<HashMismatch> hashMismatches, List<String> undeclaredFiles, boolean manifestCanonical,
        SignatureStatus signatureStatus,
        List<String> signatureErrors, int signaturesTotal, int signaturesValid, String signatureNote,
        boolean signatureRequired) {

    public VerifyReport {
        missingFiles = List.copyOf(missingFiles);
        hashMismatches = List.copyOf(hashMismatches);
        undeclaredFiles = List.copyOf(undeclaredFiles);
        signatureErrors = List.copyOf(signatureErrors);
    }

    public record HashMismatch(String path, String expected, String actual) {
        public JsonObject toJson() {
            return JsonObject.builder().put("path", path).put("expected", expected).put("actual", actual).build();
        }
    }

    public boolean integrityOk() {
        return missingFiles.isEmpty() && hashMismatches.isEmpty() && undeclaredFiles.isEmpty() && manifestCanonical;
    }

    public boolean ok() {
        boolean signatureOk = signatureRequired
                ? signatureStatus == SignatureStatus.VERIFIED
                : signatureStatus != SignatureStatus.FAILED;
        return integrityOk() && signatureOk;
    }

    /** Why verification failed, in one line; empty when it passed. */
    public String failure() {
        String integrity = integrityFailure(missingFiles, hashMismatches, undeclaredFiles, manifestCanonical);
        if (!integrity.isEmpty()) {
            return integrity;
        }
        if (!ok()) {
            return "signature " + signatureStatus.wire() + (signatureNote.isEmpty() ? "" : ": " + signatureNote);
        }
        return "";
    }

    /** The first integrity problem of an archive checked against its manifest, in one line; empty when there is none. */
    public static String integrityFailure(List<String> missingFiles, List<HashMismatch> hashMismatches,
                                          List<String> undeclaredFiles, boolean manifestCanonical) {
        if (!missingFiles.isEmpty()) {
            return "missing files: " + String.join(", ", missingFiles);
        }
        if (!hashMismatches.isEmpty()) {
            return "hash mismatch: " + String.join(", ", hashMismatches.stream().map(HashMismatch::path).toList());
        }
        if (!undeclaredFiles.isEmpty()) {
            return "files not listed in the manifest: " + String.join(", ", undeclaredFiles);
        }
        return manifestCanonical ? "" : "the manifest is not in canonical JSON form";
    }

    public JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder()
                .putOmitEmpty("path", path)
                .putOmitEmpty("run_id", runId)
                .putOmitEmpty("manifest_digest", manifestDigest)
                .putOmitEmpty("files_checked", filesChecked);
        return putFindings(json, missingFiles, hashMismatches, undeclaredFiles, manifestCanonical)
                .put("signature_status", signatureStatus.wire())
                .putStringsOmitEmpty("signature_errors", signatureErrors)
                .putOmitEmpty("signatures_total", signaturesTotal)
                .putOmitEmpty("signatures_valid", signaturesValid)
                .putOmitEmpty("signature_note", signatureNote)
                .build();
    }

    /** The integrity findings as verification output lists them, each omitted when empty. */
    public static JsonObject.Builder putFindings(JsonObject.Builder json, List<String> missingFiles,
                                                 List<HashMismatch> hashMismatches, List<String> undeclaredFiles,
                                                 boolean manifestCanonical) {
        return json.putStringsOmitEmpty("missing_files", missingFiles)
                .putOmitEmpty("hash_mismatches", new JsonArray(hashMismatches.stream().<JsonValue>map(HashMismatch::toJson).toList()))
                .putStringsOmitEmpty("undeclared_files", undeclaredFiles)
                .putOmitEmpty("manifest_not_canonical", !manifestCanonical);
    }
}
