package dev.gait.cli.runpack;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.LeafWithSubcommands;
import dev.gait.cli.fleet.VerifyFleetDocumentCommand;
import java.util.List;

/**
 * {@code gait verify}: a runpack by default; {@code gait verify chain} for an incident's linked
 * artifacts and {@code gait verify session-chain} for session chains. A runpack path named
 * {@code chain} is given as {@code ./chain}. {@code gait verify fleet-bundle} and {@code fleet-release}
 * verify the fleet control plane's signed documents.
 */
public final class VerifyCommands {

    private VerifyCommands() {}

    public static LeafWithSubcommands command() {
        VerifyCommand runpack = new VerifyCommand();
        return new LeafWithSubcommands(runpack, runpack.summary()
                + " ('verify chain --run X', 'verify session-chain --chain F', 'verify fleet-bundle F --fleet-trust K')",
                List.<Command>of(new VerifyChainCommand(), new VerifySessionChainCommand(), VerifyFleetDocumentCommand.bundle(),
                        VerifyFleetDocumentCommand.release()));
    }
}
