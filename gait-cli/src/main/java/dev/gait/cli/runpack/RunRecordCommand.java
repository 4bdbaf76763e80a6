package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.core.context.ContextEnvelope;
import dev.gait.core.error.ExitCode;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.runpack.CaptureMode;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.sign.Signer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait run record --input run.json}: records a run as a runpack, signed with the given key or
 * the user's local key, then checks what it wrote.
 */
final class RunRecordCommand extends LeafCommand<RunRecordCommand.Flags> {

    record Flags(Flag<String> input, Flag<String> outDir, Flag<String> runId, Flag<String> captureMode,
                 Flag<String> contextEnvelope, Flag<String> contextEvidenceMode, Flag<Boolean> unsafeContextRaw,
                 KeyFlagPair privateKey) {}

    RunRecordCommand() {
        super("record", "Record a run (intents, results, receipts) as a signed runpack.",
                "run record turns a run's tool calls, results and retrieval receipts into a signed, verifiable runpack.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("input", "", "run record input JSON: {run, intents, results, refs, capture_mode, normalization}"),
                flags.string("out-dir", "./gait-out", "directory for runpack_<run_id>.zip"),
                flags.string("run-id", "", "use this run id instead of the input's"),
                flags.choice("capture-mode", "", "reference (digests only, the default) or raw (keeps payloads)", "reference", "raw"),
                flags.string("context-envelope", "", "context evidence envelope (gait.context.envelope) whose records become the receipts"),
                flags.choice("context-evidence-mode", "", "best_effort (the default) or required: envelope problems fail the record",
                        "best_effort", "required"),
                flags.bool("unsafe-context-raw", false, "accept envelope records with redaction_mode raw"),
                KeyFlagPair.declare(flags, "private-key", "Gait private key to sign with (default: your local key)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (flags.input().get().isBlank()) {
            throw new UsageException("missing required --input");
        }
        byte[] bytes = InputFiles.read(invocation.resolve(flags.input().get()), InputFiles.DEFAULT_MAX_BYTES);
        RecordInput input = RecordInput.fromJson(JsonReader.lenient().readObject(bytes));
        if (!flags.runId().get().isBlank()) {
            input = input.withRunId(flags.runId().get().strip());
        }
        String evidenceMode = !flags.contextEvidenceMode().get().isBlank() ? flags.contextEvidenceMode().get().strip()
                : input.refs().contextEvidenceMode().isBlank() ? "best_effort" : input.refs().contextEvidenceMode();
        input = input.withContextEvidenceMode(evidenceMode);
        List<String> contextWarnings = new ArrayList<>();
        if (!flags.contextEnvelope().get().isBlank()) {
            try {
                ContextEnvelope envelope = ContextEnvelope.parse(InputFiles.read(invocation.resolve(flags.contextEnvelope().get()),
                        ContextEnvelope.MAX_BYTES + 1), flags.unsafeContextRaw().get());
                String mode = flags.contextEvidenceMode().get().isBlank() ? envelope.evidenceMode() : evidenceMode;
                input = input.withContext(envelope.records(), envelope.contextSetDigest(), mode);
            } catch (GaitException e) {
                if (evidenceMode.equals("required")) {
                    throw e;
                }
                contextWarnings.add("context envelope ignored: " + e.getMessage());
            }
        }
        if (input.refs().contextEvidenceMode().equals("required") && input.refs().contextSetDigest().isBlank()) {
            throw GaitException.invalidInput("context evidence mode required but no context_set_digest (pass --context-envelope)");
        }
        CaptureMode captureMode = flags.captureMode().get().isBlank() ? null : CaptureMode.parse(flags.captureMode().get());

        Signer signer = SigningKeys.signer(invocation, flags.privateKey());
        RunpackRecorder.Recorded recorded = new RunpackRecorder(invocation.clock()).record(input, captureMode, signer);
        Path written = RunpackWriter.write(invocation.resolve(flags.outDir().get()), recorded);
        String bundle = RunpackLocator.display(invocation, written);
        VerifyReport check = VerifyCommand.verify(written, bundle, new VerifyPolicyFlags.Policy(List.of(signer.publicKey()), true));
        String footer = RunpackWriter.ticketFooter(recorded.runId(), recorded.manifestDigest());

        boolean ok = check.ok();
        JsonObject.Builder json = JsonObject.builder()
                .put("run_id", recorded.runId())
                .put("bundle", bundle)
                .put("manifest_digest", recorded.manifestDigest())
                .put("signature_status", "signed")
                .put("signature_key_id", signer.keyId())
                .putStringsOmitEmpty("warnings", warnings(recorded, contextWarnings))
                .put("ticket_footer", footer);
        List<String> text = new ArrayList<>(List.of("run_id=" + recorded.runId(), "bundle=" + bundle,
                "signature_status=signed", "signature_key_id=" + signer.keyId()));
        if (!warnings(recorded, contextWarnings).isEmpty()) {
            text.add("warnings=" + String.join(";", warnings(recorded, contextWarnings)));
        }
        text.add("ticket_footer=" + footer);
        if (!ok) {
            json.put("error", "self-verification failed: " + check.failure());
            text.add("error=self-verification failed: " + check.failure());
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(), text);
    }

    private static List<String> warnings(RunpackRecorder.Recorded recorded, List<String> contextWarnings) {
        List<String> all = new ArrayList<>(recorded.warnings());
        all.addAll(contextWarnings);
        return all;
    }
}
