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
        String files = fileSetFailure(missingFiles, hashMismatches, undeclaredFiles);
        if (!files.isEmpty()) {
            return files;
        }
        if (!manifestCanonical) {
            return "manifest.json is not in canonical JSON form";
        }
        if (!ok()) {
            return "signature " + signatureStatus.wire() + (signatureNote.isEmpty() ? "" : ": " + signatureNote);
        }
        return "";
    }

    public JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder()
                .putOmitEmpty("path", path)
                .putOmitEmpty("run_id", runId)
                .putOmitEmpty("manifest_digest", manifestDigest)
                .putOmitEmpty("files_checked", filesChecked);
        return putFileSet(json, missingFiles, hashMismatches, undeclaredFiles)
                .putOmitEmpty("manifest_not_canonical", !manifestCanonical)
                .put("signature_status", signatureStatus.wire())
                .putStringsOmitEmpty("signature_errors", signatureErrors)
                .putOmitEmpty("signatures_total", signaturesTotal)
                .putOmitEmpty("signatures_valid", signaturesValid)
                .putOmitEmpty("signature_note", signatureNote)
                .build();
    }

    /** The first problem with an archive's file set, in one line; empty when there is none. */
    public static String fileSetFailure(List<String> missing, List<HashMismatch> mismatches, List<String> undeclared) {
        if (!missing.isEmpty()) {
            return "missing files: " + String.join(", ", missing);
        }
        if (!mismatches.isEmpty()) {
            return "hash mismatch: " + String.join(", ", mismatches.stream().map(HashMismatch::path).toList());
        }
        if (!undeclared.isEmpty()) {
            return "files not listed in the manifest: " + String.join(", ", undeclared);
        }
        return "";
    }

    /** Adds {@code missing_files}, {@code hash_mismatches} and {@code undeclared_files}, each only when not empty. */
    public static JsonObject.Builder putFileSet(JsonObject.Builder json, List<String> missing, List<HashMismatch> mismatches,
                                                List<String> undeclared) {
        return json.putStringsOmitEmpty("missing_files", missing)
                .putOmitEmpty("hash_mismatches", new JsonArray(mismatches.stream().<JsonValue>map(HashMismatch::toJson).toList()))
                .putStringsOmitEmpty("undeclared_files", undeclared);
    }
}
