package dev.gait.core.pack;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.runpack.RunpackFiles;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.zip.SafeZip;
import java.util.Optional;

/**
 * What {@code gait pack export} says about a verified pack: its identity, its verification counts
 * and signature fields, the canonical digest of its manifest, its creation time, and tool-call
 * metrics from the runpack it holds.
 */
public record ExportRecord(String packId, String packType, String sourceRef, String manifestDigest, int filesChecked,
                           int hashMismatches, int missingFiles, int undeclaredFiles, String signatureStatus,
                           int signaturesTotal, int signaturesValid, String createdAt, ExportMetrics metrics) {

    /** The record of a pack that {@code report} verified. */
    public static ExportRecord of(SafeZip zip, String path, PackReport report) {
        boolean legacy = PackKind.of(zip, path) == PackKind.RUNPACK;
        Optional<RunpackReader.Records> runpack = legacy ? Optional.of(RunpackReader.read(zip, path)) : PackInspector.sourceRunpack(zip);
        byte[] manifest = zip.read(legacy ? RunpackFiles.MANIFEST : PackFiles.MANIFEST, PackFiles.MAX_ENTRY_BYTES);
        String createdAt = legacy ? RunPayload.of(runpack.orElseThrow()).createdAt() : PackManifest.parse(manifest).createdAt();
        return new ExportRecord(report.packId(), report.packType(), report.sourceRef(),
                Digests.jcsHex(JsonReader.strict().read(manifest)), report.filesChecked(), report.hashMismatches().size(),
                report.missingFiles().size(), report.undeclaredFiles().size(), report.signatureStatus().wire(),
                report.signaturesTotal(), report.signaturesValid(), createdAt,
                runpack.map(ExportMetrics::of).orElse(ExportMetrics.NONE));
    }

    public boolean integrityOk() {
        return hashMismatches == 0 && missingFiles == 0 && undeclaredFiles == 0;
    }

    public JsonObject toJson() {
        return JsonObject.builder()
                .put("pack_id", packId)
                .put("pack_type", packType)
                .put("source_ref", sourceRef)
                .put("manifest_digest", manifestDigest)
                .put("files_checked", filesChecked)
                .put("hash_mismatches", hashMismatches)
                .put("missing_files", missingFiles)
                .put("undeclared_files", undeclaredFiles)
                .put("signature_status", signatureStatus)
                .put("signatures_total", signaturesTotal)
                .put("signatures_valid", signaturesValid)
                .put("created_at", createdAt)
                .put("metrics", metrics.toJson())
                .build();
    }
}
