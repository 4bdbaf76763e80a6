package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.cli.runpack.VerifyPolicyFlags;
import dev.gait.core.error.ExitCode;
import dev.gait.core.guard.EvidencePackVerifier;
import dev.gait.core.guard.PackVerifyReport;
import dev.gait.core.json.JsonObject;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait guard verify <pack.zip>}: every entry listed and intact, nothing unlisted, pack_id
 * recomputed, the signature (required unless {@code --allow-unsigned}) and the declared inputs.
 * Exit 0 when all hold, 2 when any does not.
 */
final class GuardVerifyCommand extends LeafCommand<GuardVerifyCommand.Flags> {

    record Flags(Flag<String> path, VerifyPolicyFlags policy) {}

    GuardVerifyCommand() {
        super("verify", "Verify an evidence or incident pack offline: files, pack_id, signature and declared inputs.",
                "guard verify checks an evidence pack offline: every file against its manifest, its identity, its signature and the inputs it declares.",
                "<evidence_pack.zip>", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(flags.string("path", "", "path of the evidence pack (or give it as the argument)"), VerifyPolicyFlags.declare(flags));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        Path path = invocation.resolve(Arguments.flagOrFirst(flags.path(), positionals, "<evidence_pack.zip>"));
        return verify(invocation, output, path, flags.policy().resolve(invocation));
    }

    /** Verifies an evidence pack and reports it; {@code gait pack verify} hands guard packs here too. */
    static int verify(Invocation invocation, Output output, Path path, VerifyPolicyFlags.Policy policy) {
        String shown = RunpackLocator.display(invocation, path);
        PackVerifyReport report;
        try (SafeZip zip = SafeZip.open(path)) {
            report = EvidencePackVerifier.verify(zip, shown, policy.trustedKeys(), policy.requireSignature());
        }
        boolean ok = report.ok();
        JsonObject.Builder json = report.toJson().toBuilder();
        List<String> text = new ArrayList<>(List.of((ok ? "guard verify ok: " : "guard verify failed: ") + shown,
                "pack_id=" + report.packId(), "run_id=" + report.runId(), "files_checked=" + report.filesChecked(),
                "signature_status=" + report.signature().status().wire(), "inputs_status=" + report.inputsStatus()));
        if (!ok) {
            json.put("error", report.failure());
            text.add("error=" + report.failure());
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(), text);
    }
}
