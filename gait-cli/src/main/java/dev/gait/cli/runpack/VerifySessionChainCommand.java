package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.session.SessionChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait verify session-chain --chain F}: checks the links between a session's checkpoints
 * and verifies every checkpoint runpack (integrity, recorded manifest digest, signature).
 */
final class VerifySessionChainCommand extends LeafCommand<VerifySessionChainCommand.Flags> {

    record Flags(Flag<String> chain, VerifyPolicyFlags policy) {}

    VerifySessionChainCommand() {
        super("session-chain", "Verify a session's checkpoint chain and every checkpoint runpack.",
                "verify session-chain checks that a session's checkpoints link by digest and that every checkpoint runpack verifies.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(flags.string("chain", "", "path of the session chain file (<journal>_chain.json)"),
                VerifyPolicyFlags.declare(flags));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (flags.chain().get().isBlank()) {
            throw new UsageException("missing required --chain");
        }
        VerifyPolicyFlags.Policy policy = flags.policy().resolve(invocation);
        Path chainPath = invocation.resolve(flags.chain().get());
        JsonObject chain = SessionChain.read(chainPath);
        List<JsonObject> checkpoints = SessionChain.checkpoints(chain);

        List<String> linkageErrors = new ArrayList<>();
        List<String> checkpointErrors = new ArrayList<>();
        JsonObject previous = null;
        for (JsonObject checkpoint : checkpoints) {
            linkageErrors.addAll(SessionChain.linkageProblems(previous, checkpoint));
            previous = checkpoint;
            String label = "checkpoint " + checkpoint.get("checkpoint_index").map(Object::toString).orElse("?");
            try {
                Path pack = locate(invocation, chainPath, checkpoint.string("runpack_path").orElse(""));
                VerifyReport report = VerifyCommand.verify(pack, pack.toString(), policy);
                if (!report.manifestDigest().equals(checkpoint.string("manifest_digest").orElse(""))) {
                    checkpointErrors.add(label + ": runpack manifest digest differs from the recorded one");
                }
                if (!report.ok()) {
                    checkpointErrors.add(label + ": " + report.failure());
                }
            } catch (GaitException e) {
                checkpointErrors.add(label + ": " + e.getMessage());
            }
        }
        boolean ok = linkageErrors.isEmpty() && checkpointErrors.isEmpty();
        JsonObject.Builder json = JsonObject.builder()
                .put("chain_path", flags.chain().get())
                .put("session_id", chain.string("session_id").orElse(""))
                .put("run_id", chain.string("run_id").orElse(""))
                .put("checkpoints_checked", checkpoints.size())
                .putStringsOmitEmpty("linkage_errors", linkageErrors)
                .putStringsOmitEmpty("checkpoint_errors", checkpointErrors);
        List<String> text = new ArrayList<>(List.of((ok ? "verify ok: " : "verify failed: ") + flags.chain().get(),
                "checkpoints_checked=" + checkpoints.size()));
        linkageErrors.forEach(e -> text.add("linkage_error=" + e));
        checkpointErrors.forEach(e -> text.add("checkpoint_error=" + e));
        if (!ok) {
            List<String> all = new ArrayList<>(linkageErrors);
            all.addAll(checkpointErrors);
            json.put("error", String.join("; ", all));
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(), text);
    }

    /** A checkpoint's runpack path as recorded: relative to the working directory, else to the chain file. */
    private static Path locate(Invocation invocation, Path chainPath, String recorded) {
        if (recorded.isBlank()) {
            throw GaitException.invalidInput("checkpoint has no runpack_path");
        }
        Path fromCwd = invocation.resolve(recorded);
        if (Files.isRegularFile(fromCwd)) {
            return fromCwd;
        }
        Path fromChain = chainPath.resolveSibling(recorded).normalize();
        if (Files.isRegularFile(fromChain)) {
            return fromChain;
        }
        throw GaitException.invalidInput("checkpoint runpack not found: " + recorded);
    }
}
