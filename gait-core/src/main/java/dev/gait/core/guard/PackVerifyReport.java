package dev.gait.core.guard;

import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.runpack.VerifyReport.HashMismatch;
import dev.gait.core.sign.SignatureCheck;
import java.util.List;

/**
 * The outcome of verifying a guard evidence pack: the file set, the manifest (form and pack_id), the
 * signature and the declared inputs. {@link #ok()} decides the exit code.
 *
 * @param manifestErrors problems with the manifest itself: unexpected members, a non-canonical form, a recomputed pack_id that differs
 * @param inputsStatus {@code verified}, {@code failed}, or {@code absent} for packs without {@code pack_inputs.json} (Gait v1's)
 */
public record PackVerifyReport(String path, String packId, String runId, String templateId, int filesChecked,
                               List<String> missingFiles, List<HashMismatch> hashMismatches, List<String> undeclaredFiles,
                               List<String> manifestErrors, SignatureCheck signature, boolean signatureRequired,
                               String inputsStatus, List<String> inputsErrors) {

    public static final String INPUTS_VERIFIED = "verified";
    public static final String INPUTS_FAILED = "failed";
    public static final String INPUTS_ABSENT = "absent";

    public PackVerifyReport {
        missingFiles = List.copyOf(missingFiles);
        hashMismatches = List.copyOf(hashMismatches);
        undeclaredFiles = List.copyOf(undeclaredFiles);
        manifestErrors = List.copyOf(manifestErrors);
        inputsErrors = List.copyOf(inputsErrors);
    }

    public boolean integrityOk() {
        return missingFiles.isEmpty() && hashMismatches.isEmpty() && undeclaredFiles.isEmpty() && manifestErrors.isEmpty();
    }

    public boolean ok() {
        return integrityOk() && signature.passes(signatureRequired) && !inputsStatus.equals(INPUTS_FAILED);
    }

    /** Why verification failed, in one line; empty when it passed. */
    public String failure() {
        String files = VerifyReport.integrityFailure(missingFiles, hashMismatches, undeclaredFiles, true);
        if (!files.isEmpty()) {
            return files;
        }
        if (!manifestErrors.isEmpty()) {
            return manifestErrors.getFirst();
        }
        if (!signature.passes(signatureRequired)) {
            return "signature " + signature.status().wire() + (signature.note().isEmpty() ? "" : ": " + signature.note());
        }
        if (inputsStatus.equals(INPUTS_FAILED)) {
            return "declared inputs: " + inputsErrors.getFirst();
        }
        return "";
    }

    public JsonObject toJson() {
        JsonObject.Builder json = JsonObject.builder()
                .putOmitEmpty("path", path)
                .putOmitEmpty("pack_id", packId)
                .putOmitEmpty("run_id", runId)
                .putOmitEmpty("template_id", templateId)
                .put("files_checked", filesChecked);
        return VerifyReport.putFindings(json, missingFiles, hashMismatches, undeclaredFiles, true)
                .putStringsOmitEmpty("manifest_errors", manifestErrors)
                .put("signature_status", signature.status().wire())
                .putStringsOmitEmpty("signature_errors", signature.errors())
                .put("signatures_total", signature.total())
                .put("signatures_valid", signature.valid())
                .putOmitEmpty("signature_note", signature.note())
                .put("inputs_status", inputsStatus)
                .putStringsOmitEmpty("inputs_errors", inputsErrors)
                .build();
    }
}
