package dev.gait.cli.regress;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.json.JsonObject;
import dev.gait.core.regress.FixtureInit;
import java.util.ArrayList;
import java.util.List;

/** {@code gait regress bootstrap}: {@code init} then {@code run}, in one step from an incident to a test. */
final class RegressBootstrapCommand extends LeafCommand<RegressBootstrapCommand.Flags> {

    record Flags(SourceFlags source, RunFlags run) {}

    RegressBootstrapCommand() {
        super("bootstrap", "Make a fixture of a runpack and grade the fixtures at once (init + run).",
                "regress bootstrap turns a runpack into a regression fixture and runs the graders at once, from incident to CI test in one step.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(SourceFlags.declare(flags, "a run id, runpack path or session chain (.json)"), RunFlags.declare(flags));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        FixtureInit.Created created = FixtureInit.create(invocation.workingDirectory(),
                FixtureSources.resolve(invocation, flags.source(), false), flags.source().name().get().strip());
        RegressRun run = RegressRun.execute(invocation, flags.run());
        JsonObject.Builder json = JsonObject.builder();
        List<String> text = new ArrayList<>();
        RegressFixtureCommand.describe(created, json, text);
        run.describe(json, text);
        return output.result(run.passed(), run.exitCode(), json.build(), text);
    }
}
