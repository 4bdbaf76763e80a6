package dev.gait.cli.regress;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import java.util.List;

/** {@code gait regress ...}: incident runpacks as permanent regression tests. */
public final class RegressCommands {

    private RegressCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("regress", "Turn runpacks into regression fixtures and grade them in CI.",
                "regress turns an incident runpack into a permanent regression fixture and grades fixtures deterministically, with JUnit output for CI.",
                List.<Command>of(RegressFixtureCommand.init(), RegressFixtureCommand.add(), new RegressRunCommand(),
                        new RegressBootstrapCommand()));
    }
}
