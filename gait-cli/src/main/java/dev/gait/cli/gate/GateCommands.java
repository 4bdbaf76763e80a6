package dev.gait.cli.gate;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import java.util.List;

/** {@code gait gate ...}: decisions at the tool boundary. */
public final class GateCommands {

    private GateCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("gate", "Decide tool calls against policy before they run.",
                "gate decides, before a tool call runs, whether policy allows it, blocks it, needs approval or runs it dry.",
                List.<Command>of(new GateEvalCommand()));
    }
}
