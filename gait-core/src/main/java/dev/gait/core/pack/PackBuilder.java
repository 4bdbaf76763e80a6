package dev.gait.core.pack;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.sign.Signatures;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import dev.gait.core.zip.DeterministicZip;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Assembles a pack from its payload files as Gait v1 does (proof records over every file, every file
 * hashed into {@code contents}, the pack id, the manifest signature, 1980 timestamps, a
 * deterministic zip) and adds this project's attestation entry before the manifest is hashed.
 */
public final class PackBuilder {

    private PackBuilder() {}

    /** A built pack: its manifest and every entry, manifest included. */
    public record Built(PackManifest manifest, SortedMap<String, byte[]> entries) {
        public String packId() {
            return manifest.packId();
        }

        public byte[] zipBytes() {
            return DeterministicZip.write(entries);
        }
    }

    /**
     * @param payloadFiles the pack's own files (payload, sources, inputs)
     * @param signer signs the proof records, the attestation and the manifest; null builds an unsigned pack
     */
    public static Built build(PackType type, String sourceRef, String producerVersion, Map<String, byte[]> payloadFiles,
                              List<PackInput> inputs, Optional<Predecessor> predecessor, Signer signer) {
        String producer = producerVersion.isBlank() ? GaitVersion.DEVELOPMENT : producerVersion.strip();
        String source = sourceRef.strip();
        SortedMap<String, byte[]> files = new TreeMap<>(payloadFiles);
        files.put(PackFiles.PROOF_RECORDS, ProofRecords.build(type.wire(), source, producer, new TreeMap<>(files), signer));
        PackProvenance provenance = new PackProvenance(type.wire(), source, producer, inputs, predecessor);
        files.put(PackFiles.ATTESTATION, PackAttestation.build(provenance, new TreeMap<>(files), signer));

        List<PackEntry> contents = files.entrySet().stream()
                .map(file -> new PackEntry(file.getKey(), Digests.sha256Hex(file.getValue()), PackFiles.entryType(file.getKey())))
                .toList();
        PackManifest manifest = new PackManifest(PackFiles.CREATED_AT_TEXT, producer, "", type.wire(), source, contents, List.of());
        manifest = manifest.withPackId(manifest.computePackId());
        if (signer != null) {
            manifest = manifest.withSignatures(List.of(Signatures.signDigest(signer, manifest.signedDigest())));
        }
        files.put(PackFiles.MANIFEST, Jcs.canonicalize(manifest.toJson()));
        return new Built(manifest, files);
    }
}
