package dev.gait.core.pack;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.RunpackVerifier;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.sign.SignatureCheck;
import dev.gait.core.sign.SignatureRecord;
import dev.gait.core.sign.SignatureStatus;
import dev.gait.core.zip.SafeZip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Verifies a pack offline, in Gait v1's order: the manifest (strict), the recomputed pack id (a
 * mismatch is a hard failure), every declared file's hash, undeclared entries, the proof record
 * chain, the payload contract, the manifest signature; then this project's attestation: its
 * subjects against the contents, each input's identity against the copy inside, the DSSE signature,
 * and the link to the predecessor when one is given to look at. A legacy runpack is verified as a
 * runpack.
 */
public final class PackVerifier {

    private PackVerifier() {}

    /**
     * @param trustedKeys raw Ed25519 public keys; empty means no key is configured
     * @param chain where to find the predecessor, if the caller gave a place
     */
    public record Options(List<byte[]> trustedKeys, boolean requireSignature, Optional<PackChain> chain) {
        /** File integrity and the pack's own consistency, no trust decision. */
        public static final Options INTEGRITY_ONLY = new Options(List.of(), false, Optional.empty());
    }

    public static PackReport verify(SafeZip zip, String path, Options options) {
        if (PackKind.of(zip, path) == PackKind.RUNPACK) {
            return PackReport.ofRunpack(RunpackVerifier.verify(zip, path, options.trustedKeys(), options.requireSignature()));
        }
        PackManifest manifest = PackManifest.parse(zip.read(PackFiles.MANIFEST, PackFiles.MAX_ENTRY_BYTES));
        String expectedId = manifest.computePackId();
        if (!expectedId.equals(manifest.packId())) {
            throw failure("pack_id mismatch: expected=" + expectedId + " actual=" + manifest.packId());
        }

        List<String> missing = new ArrayList<>();
        List<VerifyReport.HashMismatch> mismatches = new ArrayList<>();
        Map<String, String> declared = new LinkedHashMap<>();
        manifest.contents().forEach(entry -> declared.put(entry.path(), entry.sha256()));
        List<String> present = declared.keySet().stream().filter(zip::contains).toList();
        Map<String, String> actual = zip.sha256Hex(present, PackFiles.MAX_ENTRY_BYTES);
        for (PackEntry entry : manifest.contents()) {
            if (!zip.contains(entry.path())) {
                missing.add(entry.path());
            } else if (!actual.get(entry.path()).equals(entry.sha256())) {
                mismatches.add(new VerifyReport.HashMismatch(entry.path(), entry.sha256(), actual.get(entry.path())));
            }
        }
        List<String> undeclared = zip.names().stream()
                .filter(name -> !name.equals(PackFiles.MANIFEST) && !declared.containsKey(name)).sorted().toList();

        boolean checkProofSignatures = options.requireSignature() && !options.trustedKeys().isEmpty();
        ProofRecords.Verified proof = new ProofRecords.Verified(0, List.of());
        if (zip.contains(PackFiles.PROOF_RECORDS) && mismatches.stream().noneMatch(m -> m.path().equals(PackFiles.PROOF_RECORDS))) {
            proof = ProofRecords.verify(zip.read(PackFiles.PROOF_RECORDS, PackFiles.MAX_ENTRY_BYTES), options.trustedKeys(),
                    checkProofSignatures);
        }
        boolean clean = missing.isEmpty() && mismatches.isEmpty() && undeclared.isEmpty();
        AttestationCheck attestation = AttestationCheck.absent();
        if (clean) {
            checkContract(zip, manifest);
            if (zip.contains(PackFiles.ATTESTATION)) {
                attestation = AttestationVerifier.check(zip, manifest, options);
            }
        }

        SignatureCheck signature = SignatureCheck.of(
                manifest.signatures().stream().<JsonValue>map(SignatureRecord::toJson).toList(),
                manifest.signedDigest(), options.trustedKeys(), options.requireSignature(), "manifest has no signatures");
        SignatureStatus status = signature.status();
        List<String> signatureErrors = new ArrayList<>(signature.errors());
        if (options.requireSignature() && !proof.signatureErrors().isEmpty()) {
            status = SignatureStatus.FAILED;
            signatureErrors.addAll(proof.signatureErrors());
        }
        missing.sort(null);
        mismatches.sort((a, b) -> a.path().compareTo(b.path()));
        return new PackReport(path, manifest.packId(), manifest.packType(), manifest.sourceRef(), manifest.contents().size(),
                proof.records(), missing, mismatches, undeclared, true, status, new ArrayList<>(new TreeSet<>(signatureErrors)),
                signature.total(), signature.valid(), signature.note(), options.requireSignature(), "", attestation);
    }

    /** The per-type checks Gait v1 runs once the file set is clean; a failure is a verification failure. */
    private static void checkContract(SafeZip zip, PackManifest manifest) {
        PackType type = PackType.fromWire(manifest.packType()).orElseThrow();
        if (type != PackType.RUN) {
            throw GaitException.invalidInput("cannot verify a " + type.wire() + " pack here: its payload contract needs the "
                    + type.wire() + " subsystem, which this implementation does not have yet");
        }
        if (!zip.contains(PackFiles.RUN_PAYLOAD)) {
            throw failure("missing " + PackFiles.RUN_PAYLOAD);
        }
        if (!zip.contains(PackFiles.SOURCE_RUNPACK)) {
            throw failure("missing " + PackFiles.SOURCE_RUNPACK);
        }
        RunPayload payload;
        try {
            payload = RunPayload.parse(zip.read(PackFiles.RUN_PAYLOAD, PackFiles.MAX_ENTRY_BYTES));
        } catch (JsonException e) {
            throw failure("parse " + PackFiles.RUN_PAYLOAD + ": " + e.getMessage());
        }
        if (!payload.runId().equals(manifest.sourceRef().strip())) {
            throw failure("run payload run_id does not match manifest source_ref");
        }
    }

    static GaitException failure(String message) {
        return new GaitException(ErrorCategory.VERIFICATION_FAILED, message);
    }
}
