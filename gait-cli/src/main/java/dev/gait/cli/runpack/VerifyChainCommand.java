package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.gate.GateTraceVerifier;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.VerifyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait verify chain --run X [--trace T]}: verifies the artifacts of one incident together and
 * reports each as {@code {ok, run, trace}}. Each artifact must verify on its own with the same trusted
 * keys, and a trace that names a run must name this runpack's run.
 */
final class VerifyChainCommand extends LeafCommand<VerifyChainCommand.Flags> {

    record Flags(Flag<String> run, Flag<String> trace, VerifyPolicyFlags policy) {}

    VerifyChainCommand() {
        super("chain", "Verify the artifacts of one incident together (--run runpack, --trace gate trace).",
                "verify chain verifies the linked artifacts of one incident together: its runpack and, with --trace,\n"
                        + "the signed gate trace of a decision in that run.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(flags.string("run", "", "the runpack: run id or path"),
                flags.string("trace", "", "a signed gate trace (trace_<id>.json) to verify with the runpack"),
                VerifyPolicyFlags.declare(flags));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (flags.run().get().isBlank()) {
            throw new UsageException("missing required --run");
        }
        VerifyPolicyFlags.Policy policy = flags.policy().resolve(invocation);
        Path path = RunpackLocator.resolve(invocation, flags.run().get());
        VerifyReport run = VerifyCommand.verify(path, RunpackLocator.display(invocation, path), policy);
        List<String> failures = new ArrayList<>();
        if (!run.ok()) {
            failures.add("run: " + run.failure());
        }
        JsonObject.Builder json = JsonObject.builder()
                .put("run", run.toJson().toBuilder().put("ok", run.ok()).build());
        List<String> text = new ArrayList<>(List.of("run=" + (run.ok() ? "ok" : run.failure())));
        if (!flags.trace().get().isBlank()) {
            Path tracePath = invocation.resolve(flags.trace().get());
            GateTraceVerifier.Report trace = GateTraceVerifier.verify(InputFiles.read(tracePath, InputFiles.DEFAULT_MAX_BYTES),
                    flags.trace().get(), policy.trustedKeys(), policy.requireSignature());
            String traceFailure = trace.failure();
            if (traceFailure.isEmpty() && !trace.runId().isEmpty() && !trace.runId().equals(run.runId())) {
                traceFailure = "trace run_id " + trace.runId() + " is not the runpack's run_id " + run.runId();
            }
            if (!traceFailure.isEmpty()) {
                failures.add("trace: " + traceFailure);
            }
            json.put("trace", trace.toJson().toBuilder().put("ok", traceFailure.isEmpty()).build());
            text.add("trace=" + (traceFailure.isEmpty() ? "ok" : traceFailure));
        }
        boolean ok = failures.isEmpty();
        if (!ok) {
            json.put("error", String.join("; ", failures));
        }
        text.addFirst((ok ? "verify ok: " : "verify failed: ") + "chain");
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(), text);
    }
}
