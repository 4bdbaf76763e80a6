package dev.gait.fleet.ingest;

import dev.gait.core.digest.Digests;
import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import dev.gait.core.gate.GateTraceVerifier;
import dev.gait.core.guard.EvidencePackVerifier;
import dev.gait.core.guard.PackVerifyReport;
import dev.gait.core.pack.PackFiles;
import dev.gait.core.pack.PackKind;
import dev.gait.core.pack.PackManifest;
import dev.gait.core.pack.PackReport;
import dev.gait.core.pack.PackVerifier;
import dev.gait.core.runpack.RunpackVerifier;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.sign.SignatureStatus;
import dev.gait.core.zip.SafeZip;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies an uploaded artifact on arrival with the verifiers {@code gait verify}, {@code gait pack
 * verify}, {@code gait guard verify} and {@code gait verify chain} use, always requiring a signature
 * by a key the organisation trusts. Anything that is not a verified artifact is rejected with a
 * reason, never stored.
 */
public final class ArtifactVerifier {
    private static final String UPLOAD = "upload";

    private ArtifactVerifier() {}

    /** @param trustedKeys the organisation's raw Ed25519 public keys */
    public static Ingested verify(byte[] bytes, List<byte[]> trustedKeys) {
        String digest = Digests.sha256Hex(bytes);
        try {
            if (!isZip(bytes)) {
                return verifyTrace(bytes, digest, trustedKeys);
            }
            try (SafeZip zip = SafeZip.open(bytes, UPLOAD)) {
                return verifyArchive(zip, digest, trustedKeys);
            }
        } catch (GaitException e) {
            Ingested.Reason reason = e.category() == ErrorCategory.VERIFICATION_FAILED ? Ingested.Reason.TAMPERED : Ingested.Reason.MALFORMED;
            return new Ingested.Rejected(reason, e.getMessage());
        }
    }

    private static Ingested verifyArchive(SafeZip zip, String digest, List<byte[]> trustedKeys) {
        if (PackKind.isGuardPack(zip)) {
            PackVerifyReport report = EvidencePackVerifier.verify(zip, UPLOAD, trustedKeys, true);
            return decide(report.integrityOk(), report.signature().status(), report.ok(), report.failure(), () ->
                    new Ingested.Accepted(ArtifactKind.EVIDENCE_PACK, digest, report.packId(), report.runId(), List.of(), ""));
        }
        if (PackKind.of(zip, UPLOAD) == PackKind.RUNPACK) {
            VerifyReport report = RunpackVerifier.verify(zip, UPLOAD, trustedKeys, true);
            return decide(report.integrityOk(), report.signatureStatus(), report.ok(), report.failure(), () ->
                    new Ingested.Accepted(ArtifactKind.RUNPACK, digest, report.manifestDigest(), report.runId(), List.of(),
                            RunpackVerifier.readManifest(zip).string("created_at").orElse("")));
        }
        PackReport report = PackVerifier.verify(zip, UPLOAD, new PackVerifier.Options(trustedKeys, true, Optional.empty()));
        return decide(report.integrityOk(), report.signatureStatus(), report.ok(), report.failure(), () ->
                new Ingested.Accepted(ArtifactKind.PACK, digest, report.packId(), report.sourceRef(), List.of(),
                        PackManifest.parse(zip.read(PackFiles.MANIFEST, PackFiles.MAX_ENTRY_BYTES)).createdAt()));
    }

    private static Ingested verifyTrace(byte[] bytes, String digest, List<byte[]> trustedKeys) {
        GateTraceVerifier.Report report = GateTraceVerifier.verify(bytes, UPLOAD, trustedKeys, true);
        return decide(true, report.signature().status(), report.ok(), report.failure(), () ->
                new Ingested.Accepted(ArtifactKind.TRACE, digest, report.traceId(), report.runId(),
                        List.of(report.trace().string("verdict").orElse("")), report.trace().string("created_at").orElse("")));
    }

    private static Ingested decide(boolean integrityOk, SignatureStatus signature, boolean ok, String failure,
                                   Supplier<Ingested.Accepted> accepted) {
        if (!integrityOk) {
            return new Ingested.Rejected(Ingested.Reason.TAMPERED, failure);
        }
        if (signature == SignatureStatus.MISSING) {
            return new Ingested.Rejected(Ingested.Reason.UNSIGNED, failure);
        }
        if (!ok) {
            return new Ingested.Rejected(Ingested.Reason.SIGNATURE_INVALID, failure);
        }
        return accepted.get();
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }
}
