package dev.gait.cli.pack;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import java.util.List;

/** {@code gait pack ...}: PackSpec v1 packs with a signed provenance chain. */
public final class PackCommands {

    private PackCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("pack", "Build, verify, inspect, diff and export PackSpec packs.",
                "pack builds signed PackSpec evidence packs from runs, with an in-toto attestation naming their inputs and predecessor, and verifies, inspects, compares and exports them.",
                List.<Command>of(new PackBuildCommand(), new PackVerifyCommand(), new PackInspectCommand(), new PackDiffCommand(),
                        new PackExportCommand()));
    }
}
