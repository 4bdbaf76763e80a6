package dev.gait.core.pack;

import dev.gait.core.error.GaitException;
import dev.gait.core.zip.SafeZip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks a pack's attestation against the pack it sits in. Runs only on a pack whose declared files
 * are all present and intact, so every entry's bytes are the ones the manifest names.
 */
final class AttestationVerifier {

    private AttestationVerifier() {}

    static AttestationCheck check(SafeZip zip, PackManifest manifest, PackVerifier.Options options) {
        PackAttestation.Parsed attestation = PackAttestation.parse(zip.read(PackFiles.ATTESTATION, PackFiles.MAX_ENTRY_BYTES));
        PackProvenance provenance = attestation.provenance();
        List<String> problems = new ArrayList<>();

        Map<String, String> expected = new TreeMap<>();
        manifest.contents().stream().filter(e -> !e.path().equals(PackFiles.ATTESTATION)).forEach(e -> expected.put(e.path(), e.sha256()));
        if (!new TreeMap<>(attestation.subjects()).equals(expected)) {
            problems.add("subjects do not match the pack's contents");
        }
        if (!provenance.packType().equals(manifest.packType()) || !provenance.sourceRef().equals(manifest.sourceRef())
                || !provenance.producerVersion().equals(manifest.producerVersion())) {
            problems.add("predicate names another pack type, source or producer than the manifest");
        }
        for (PackInput input : provenance.inputs()) {
            problems.addAll(inputProblems(zip, expected, input));
        }

        String chainStatus = AttestationCheck.CHAIN_NONE;
        Optional<Predecessor> predecessor = provenance.predecessor();
        if (predecessor.isPresent()) {
            chainStatus = AttestationCheck.CHAIN_UNCHECKED;
            if (options.chain().isPresent()) {
                String broken = options.chain().get().check(predecessor.get(), options.trustedKeys(), options.requireSignature());
                chainStatus = broken.isEmpty() ? AttestationCheck.CHAIN_VERIFIED : AttestationCheck.CHAIN_BROKEN;
                if (!broken.isEmpty()) {
                    problems.add("chain link broken: " + broken);
                }
            }
        }
        Dsse.Check signature = attestation.envelope().verify(options.trustedKeys());
        problems.addAll(signature.errors());
        return new AttestationCheck(true, signature.status(), problems, attestation.subjects().size(), provenance.inputs(),
                predecessor, chainStatus);
    }

    /** An input's copy must be in the pack and have the identity the attestation names; a verbatim copy also its SHA-256. */
    private static List<String> inputProblems(SafeZip zip, Map<String, String> contents, PackInput input) {
        String label = "input " + input.name() + " (" + input.entry() + ")";
        if (!contents.containsKey(input.entry())) {
            return List.of(label + " is not in the pack");
        }
        if (input.entry().startsWith(PackFiles.INPUTS_DIRECTORY) && !contents.get(input.entry()).equals(input.sha256())) {
            return List.of(label + ": sha256 differs from the attested " + input.sha256());
        }
        InputKind.Identity identity;
        try {
            identity = InputKind.identify(zip.read(input.entry(), PackFiles.MAX_ENTRY_BYTES), input.entry());
        } catch (GaitException e) {
            return List.of(label + ": " + e.getMessage());
        }
        if (identity.kind() != input.kind() || !identity.ref().equals(input.ref()) || !identity.digest().equals(input.identityDigest())) {
            return List.of(label + ": the copy in the pack is " + identity.kind().wire() + " " + identity.ref() + " with identity "
                    + identity.digest() + ", the attestation names " + input.kind().wire() + " " + input.ref() + " with "
                    + input.identityDigest());
        }
        return List.of();
    }
}
