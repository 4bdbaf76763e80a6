package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.Command;
import java.util.List;

/** {@code gait verify}: a runpack by default; {@code gait verify session-chain} for session chains. */
public final class VerifyCommands implements Command {
    private final VerifyCommand runpack = new VerifyCommand();
    private final VerifySessionChainCommand sessionChain = new VerifySessionChainCommand();

    @Override
    public String name() {
        return runpack.name();
    }

    @Override
    public String summary() {
        return runpack.summary() + " ('verify session-chain --chain F' for session chains)";
    }

    @Override
    public String explain() {
        return runpack.explain();
    }

    /** The leaves under {@code verify}, for tools that walk the command tree. */
    public List<Command> commands() {
        return List.of(runpack, sessionChain);
    }

    @Override
    public int run(Invocation invocation, String path, List<String> args) {
        if (!args.isEmpty() && args.getFirst().equals(sessionChain.name())) {
            return sessionChain.run(invocation, path + " " + sessionChain.name(), args.subList(1, args.size()));
        }
        return runpack.run(invocation, path, args);
    }
}
