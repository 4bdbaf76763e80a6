package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackVerifier;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait verify <run_id|path>}: checks a runpack offline. Unlike Gait v1, a valid signature is
 * required unless {@code --allow-unsigned} is given; {@code --profile strict} also requires that the
 * trusted key be named explicitly rather than taken from the user's local key.
 */
final class VerifyCommand extends SingleRunpackCommand<VerifyPolicyFlags> {

    VerifyCommand() {
        super("verify", "Verify a runpack offline: file hashes, manifest digest and signature.",
                "verify checks a runpack offline: every file against its manifest, the manifest digest, and the signature against a trusted public key.");
    }

    @Override
    protected VerifyPolicyFlags declare(FlagSet flags) {
        return VerifyPolicyFlags.declare(flags);
    }

    @Override
    protected int execute(Invocation invocation, Output output, VerifyPolicyFlags flags, Path runpack, String shown) {
        return print(output, verify(runpack, shown, flags.resolve(invocation)), shown);
    }

    static VerifyReport verify(Path path, String shown, VerifyPolicyFlags.Policy policy) {
        try (SafeZip zip = SafeZip.open(path)) {
            return RunpackVerifier.verify(zip, shown, policy.trustedKeys(), policy.requireSignature());
        }
    }

    static int print(Output output, VerifyReport report, String shown) {
        boolean ok = report.ok();
        JsonObject.Builder json = report.toJson().toBuilder();
        List<String> text = new ArrayList<>();
        text.add((ok ? "verify ok: " : "verify failed: ") + shown);
        text.add("run_id=" + report.runId());
        text.add("manifest_digest=" + report.manifestDigest());
        text.add("files_checked=" + report.filesChecked());
        text.add("signature_status=" + report.signatureStatus().wire());
        if (!report.signatureNote().isEmpty()) {
            text.add("signature_note=" + report.signatureNote());
        }
        if (ok) {
            json.putStrings("next_commands", List.of(
                    "gait regress bootstrap --from " + report.runId() + " --json --junit ./gait-out/junit.xml"));
        } else {
            json.put("error", report.failure());
            text.add("error=" + report.failure());
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(), text);
    }
}
