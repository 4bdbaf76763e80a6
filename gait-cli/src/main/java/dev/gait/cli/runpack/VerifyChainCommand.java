package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.VerifyReport;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code gait verify chain --run X}: verifies the artifacts of one incident together and reports each
 * as {@code {ok, run, …}}. The runpack is its first link; traces and packs join the chain with the
 * commands that produce them.
 */
final class VerifyChainCommand extends LeafCommand<VerifyChainCommand.Flags> {

    record Flags(Flag<String> run, VerifyPolicyFlags policy) {}

    VerifyChainCommand() {
        super("chain", "Verify the artifacts of one incident together (the runpack given by --run).",
                "verify chain verifies the linked artifacts of one incident together, starting with its runpack.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(flags.string("run", "", "the runpack: run id or path"), VerifyPolicyFlags.declare(flags));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (flags.run().get().isBlank()) {
            throw new UsageException("missing required --run");
        }
        VerifyPolicyFlags.Policy policy = flags.policy().resolve(invocation);
        Path path = RunpackLocator.resolve(invocation, flags.run().get());
        String shown = RunpackLocator.display(invocation, path);
        VerifyReport report = VerifyCommand.verify(path, shown, policy);
        boolean ok = report.ok();
        JsonObject.Builder json = JsonObject.builder()
                .put("run", report.toJson().toBuilder().put("ok", ok).build());
        if (!ok) {
            json.put("error", "run: " + report.failure());
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(),
                List.of((ok ? "verify ok: " : "verify failed: ") + "chain", "run=" + (ok ? "ok" : report.failure())));
    }
}
