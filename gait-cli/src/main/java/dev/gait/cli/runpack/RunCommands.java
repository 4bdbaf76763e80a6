package dev.gait.cli.runpack;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.session.SessionCommands;
import java.util.List;

/** {@code gait run ...}: recording and reading runpacks. */
public final class RunCommands {

    private RunCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("run", "Record, inspect and vouch for runpacks.",
                "run records what an agent did as a runpack and reads runpacks back: record, inspect, receipt, diff, replay, diffreplay, reduce, session.",
                List.<Command>of(new RunRecordCommand(), new RunInspectCommand(), new RunReceiptCommand(), new RunDiffCommand(),
                        new RunReplayCommand(), new RunDiffReplayCommand(), new RunReduceCommand(), SessionCommands.family()));
    }
}
