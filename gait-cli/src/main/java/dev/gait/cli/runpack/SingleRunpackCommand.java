package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import java.nio.file.Path;
import java.util.List;

/** A command that acts on one runpack named by a {@code <run_id|path>} argument. */
abstract class SingleRunpackCommand<F> extends LeafCommand<F> {

    SingleRunpackCommand(String name, String summary, String explain) {
        super(name, summary, explain, "<run_id|path>", 1);
    }

    @Override
    protected final int execute(Invocation invocation, Output output, F flags, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("missing runpack: give a run_id or a path");
        }
        Path path = RunpackLocator.resolve(invocation, positionals.getFirst());
        return execute(invocation, output, flags, path, RunpackLocator.display(invocation, path));
    }

    /**
     * @param runpack the resolved runpack file
     * @param shown how to name it in output (relative to the working directory when inside it)
     */
    protected abstract int execute(Invocation invocation, Output output, F flags, Path runpack, String shown);
}
