package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.Command;
import java.util.List;

/**
 * {@code gait verify}: a runpack by default; {@code gait verify chain} for an incident's linked
 * artifacts and {@code gait verify session-chain} for session chains. A runpack path named
 * {@code chain} is given as {@code ./chain}.
 */
public final class VerifyCommands implements Command {
    private final VerifyCommand runpack = new VerifyCommand();
    private final VerifySessionChainCommand sessionChain = new VerifySessionChainCommand();
    private final VerifyChainCommand chain = new VerifyChainCommand();

    @Override
    public String name() {
        return runpack.name();
    }

    @Override
    public String summary() {
        return runpack.summary() + " ('verify chain --run X', 'verify session-chain --chain F')";
    }

    @Override
    public String explain() {
        return runpack.explain();
    }

    /** The leaves under {@code verify}, for tools that walk the command tree. */
    public List<Command> commands() {
        return List.of(runpack, chain, sessionChain);
    }

    @Override
    public int run(Invocation invocation, String path, List<String> args) {
        for (Command sub : List.<Command>of(chain, sessionChain)) {
            if (!args.isEmpty() && args.getFirst().equals(sub.name())) {
                return sub.run(invocation, path + " " + sub.name(), args.subList(1, args.size()));
            }
        }
        return runpack.run(invocation, path, args);
    }
}
