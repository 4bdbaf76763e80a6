package dev.gait.cli.pack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.VerifyPolicyFlags;
import dev.gait.core.error.ExitCode;
import dev.gait.core.json.JsonObject;
import dev.gait.core.pack.AttestationCheck;
import dev.gait.core.pack.PackChain;
import dev.gait.core.pack.PackReport;
import dev.gait.core.pack.PackVerifier;
import dev.gait.core.pack.Predecessor;
import dev.gait.core.zip.SafeZip;
import dev.gait.cli.guard.GuardCommands;
import dev.gait.core.pack.PackKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code gait pack verify <pack>}: checks a pack offline (file hashes, undeclared entries, pack id,
 * proof records, payload contract, signature, attestation and, with {@code --predecessor}, the link to
 * the pack it continues; {@code --require-chain} fails a link left unchecked). A verified signature is
 * required unless {@code --allow-unsigned} is given.
 */
final class PackVerifyCommand extends LeafCommand<PackVerifyCommand.Flags> {

    record Flags(VerifyPolicyFlags policy, Flag<String> predecessor, Flag<Boolean> requireChain) {}

    PackVerifyCommand() {
        super("verify", "Verify a pack offline: files, pack id, proof records, signature, attestation and chain link.",
                "pack verify checks a PackSpec pack or a legacy runpack offline, including its signed provenance and its link to the pack it continues.",
                "<pack.zip>", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(VerifyPolicyFlags.declare(flags),
                flags.string("predecessor", "", "the predecessor pack, or a directory holding it, to check the chain link"),
                flags.bool("require-chain", false, "fail (exit 2) when the pack names a predecessor whose link was not checked"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("expected <pack.zip>");
        }
        Path path = invocation.resolve(positionals.getFirst());
        if (Files.isRegularFile(path) && guardPack(path)) {
            // Gait v1 reads all three families here; evidence packs have their own verifier
            return GuardCommands.verifyEvidencePack(invocation, output, path, flags.policy().resolve(invocation));
        }
        String shown = PackOutput.shown(invocation, positionals.getFirst());
        PackReport report = verify(invocation, positionals.getFirst(), flags.policy(), flags.predecessor().get());
        JsonObject.Builder json = PackOutput.envelope("verify")
                .put("path", shown)
                .put("pack_id", report.packId())
                .put("pack_type", report.packType())
                .put("source_ref", report.sourceRef())
                .put("verify", report.toJson());
        List<String> text = new ArrayList<>();
        text.add((report.ok() ? "pack verify ok: " : "pack verify failed: ") + shown);
        text.add("pack_id=" + report.packId());
        text.add("pack_type=" + report.packType());
        text.add("signature_status=" + report.signatureStatus().wire());
        if (report.attestation().present()) {
            text.add("attestation_signature_status=" + report.attestation().signatureStatus().wire());
            text.add("chain_status=" + report.attestation().chainStatus());
        }
        String failure = report.ok() && flags.requireChain().get() ? uncheckedChain(report) : report.failure();
        boolean ok = failure.isEmpty();
        if (!ok) {
            json.put("error", failure);
            text.add("error=" + failure);
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(), text);
    }

    /** Why a required chain link does not hold although the pack verified: it was never checked; "" when it was or there is none. */
    private static String uncheckedChain(PackReport report) {
        if (!report.attestation().chainStatus().equals(AttestationCheck.CHAIN_UNCHECKED)) {
            return "";
        }
        return "chain_status unchecked: the pack continues pack " + report.attestation().predecessor().map(Predecessor::packId).orElse("")
                + " and --require-chain needs the link checked; pass --predecessor with that pack or a directory holding it";
    }

    private static boolean guardPack(Path path) {
        try (SafeZip zip = SafeZip.open(path)) {
            return PackKind.isGuardPack(zip);
        }
    }

    /** Verifies a pack with the command line's signature policy; also used by {@code pack export}. */
    static PackReport verify(Invocation invocation, String argument, VerifyPolicyFlags policyFlags, String predecessor) {
        try (SafeZip zip = PackOutput.open(invocation, argument)) {
            return verify(invocation, zip, PackOutput.shown(invocation, argument), policyFlags, predecessor);
        }
    }

    /** Verifies an already opened pack (so a caller can go on reading exactly the bytes that were verified). */
    static PackReport verify(Invocation invocation, SafeZip zip, String shown, VerifyPolicyFlags policyFlags, String predecessor) {
        VerifyPolicyFlags.Policy policy = policyFlags.resolve(invocation);
        Optional<PackChain> chain = predecessor.isBlank() ? Optional.empty()
                : Optional.of(new PackChain(invocation.resolve(predecessor.strip())));
        return PackVerifier.verify(zip, shown, new PackVerifier.Options(policy.trustedKeys(), policy.requireSignature(), chain));
    }
}
