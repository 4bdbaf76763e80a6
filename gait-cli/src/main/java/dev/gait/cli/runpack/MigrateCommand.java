package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.SigningKeys;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.sign.Signer;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code gait migrate <run_id|path>}: reads a runpack strictly (any Gait writer), records it again
 * with this writer and the same capture mode, signs it, and verifies the result.
 */
public final class MigrateCommand extends SingleRunpackCommand<MigrateCommand.Flags> {

    record Flags(Flag<String> out, KeyFlagPair privateKey) {}

    public MigrateCommand() {
        super("migrate", "Rewrite a runpack with this version's writer, signed, and verify it.",
                "migrate rewrites a runpack from any Gait version with this writer, signs it and verifies the result.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(flags.string("out", "", "output path (default: runpack_<run_id>_migrated.zip beside the input)"),
                KeyFlagPair.declare(flags, "private-key", "Gait private key to sign with (default: your local key)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, Path input, String shownInput) {
        RunpackReader.Records records;
        try (SafeZip zip = SafeZip.open(input)) {
            records = RunpackReader.read(zip, shownInput);
        }
        Signer signer = SigningKeys.signer(invocation, flags.privateKey());
        RunpackRecorder.Recorded recorded = new RunpackRecorder(invocation.clock())
                .record(RecordInput.fromRunpack(records), null, signer);
        Path target = flags.out().get().isBlank()
                ? input.resolveSibling("runpack_" + recorded.runId() + "_migrated.zip")
                : invocation.resolve(flags.out().get());
        if (target.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
            throw new UsageException("--out must differ from the input runpack");
        }
        byte[] bytes = RunpackWriter.zipBytes(recorded);
        boolean unchanged = Arrays.equals(bytes, readAll(input));
        AtomicFiles.write(target, bytes);
        String shown = RunpackLocator.display(invocation, target);
        VerifyReport check = VerifyCommand.verify(target, shown, new VerifyPolicyFlags.Policy(List.of(signer.publicKey()), true));
        boolean ok = check.ok();
        String status = unchanged ? "no_change" : "migrated";
        JsonObject.Builder json = JsonObject.builder()
                .put("status", status)
                .put("run_id", recorded.runId())
                .put("input", shownInput)
                .put("output", shown)
                .put("manifest_digest", recorded.manifestDigest())
                .put("signature_key_id", signer.keyId());
        if (!ok) {
            json.put("error", "migrated pack failed verification: " + check.failure());
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(),
                List.of("status=" + status, "run_id=" + recorded.runId(), "output=" + shown,
                        "manifest_digest=" + recorded.manifestDigest()));
    }

    private static byte[] readAll(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (java.io.IOException e) {
            throw dev.gait.core.error.GaitException.io("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
