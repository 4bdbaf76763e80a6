package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.DemoRun;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait demo}: records a small agent run as a signed runpack in {@code ./gait-out}, then
 * verifies it offline. No network, no configuration: the first thing a new user runs.
 */
public final class DemoCommand extends LeafCommand<KeyFlagPair> {
    private static final List<String> NEXT = List.of(
            "gait verify run_demo --json",
            "gait regress bootstrap --from run_demo --json --junit ./gait-out/junit.xml",
            "gait demo --durable",
            "gait demo --policy");
    private static final String METRICS_OPT_IN = "export GAIT_ADOPTION_LOG=./gait-out/adoption.jsonl";

    public DemoCommand() {
        super("demo", "Record a small agent run as a signed runpack and verify it offline.",
                "demo records a three-step agent run as a signed runpack in ./gait-out and verifies it offline, with no network and no setup.");
    }

    @Override
    protected KeyFlagPair declare(FlagSet flags) {
        return KeyFlagPair.declare(flags, "private-key", "Gait private key to sign with (default: your local key)");
    }

    @Override
    protected int execute(Invocation invocation, Output output, KeyFlagPair privateKey, List<String> positionals) {
        long started = System.nanoTime();
        Signer signer = SigningKeys.signer(invocation, privateKey);
        RunpackRecorder.Recorded recorded = new RunpackRecorder(invocation.clock())
                .record(DemoRun.input(GaitVersion.current()), null, signer);
        Path written = RunpackWriter.write(invocation.resolve("gait-out"), recorded);
        String bundle = RunpackLocator.display(invocation, written);
        VerifyReport report = VerifyCommand.verify(written, bundle,
                new VerifyPolicyFlags.Policy(List.of(signer.publicKey()), true));
        String footer = RunpackWriter.ticketFooter(recorded.runId(), recorded.manifestDigest());
        boolean ok = report.ok();

        JsonObject.Builder json = JsonObject.builder()
                .put("mode", "standard")
                .put("run_id", recorded.runId())
                .put("bundle", bundle)
                .put("manifest_digest", recorded.manifestDigest())
                .put("ticket_footer", footer)
                .put("verify", ok ? "ok" : "failed")
                .put("signature_status", report.signatureStatus().wire())
                .put("signature_key_id", signer.keyId())
                .putStrings("next_commands", NEXT)
                .put("metrics_opt_in", METRICS_OPT_IN)
                .put("duration_ms", (System.nanoTime() - started) / 1_000_000);
        List<String> text = new ArrayList<>(List.of(
                "mode=standard",
                "run_id=" + recorded.runId(),
                "bundle=" + bundle,
                "ticket_footer=" + footer,
                "verify=" + (ok ? "ok" : "failed"),
                "next=" + String.join(",", NEXT),
                "metrics_opt_in=" + METRICS_OPT_IN,
                "signature_status=" + report.signatureStatus().wire(),
                "signature_key_id=" + signer.keyId()));
        if (!ok) {
            json.put("error", report.failure());
            text.add("error=" + report.failure());
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(), text);
    }
}
