package dev.gait.cli.regress;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** {@code gait regress run}: grade every configured fixture; exit 0 pass, 5 fail, 6 bad configuration. */
final class RegressRunCommand extends LeafCommand<RunFlags> {

    RegressRunCommand() {
        super("run", "Grade every fixture in gait.yaml; write regress_result.json and optionally JUnit XML.",
                "regress run grades every configured fixture with deterministic graders and writes the result, and JUnit XML for CI.");
    }

    @Override
    protected RunFlags declare(FlagSet flags) {
        return RunFlags.declare(flags);
    }

    @Override
    protected int execute(Invocation invocation, Output output, RunFlags flags, List<String> positionals) {
        RegressRun run = RegressRun.execute(invocation, flags);
        JsonObject.Builder json = JsonObject.builder();
        List<String> text = new ArrayList<>();
        run.describe(json, text);
        return output.result(run.passed(), run.exitCode(), json.build(), text);
    }
}
