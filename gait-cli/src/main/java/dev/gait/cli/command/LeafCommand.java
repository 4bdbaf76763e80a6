package dev.gait.cli.command;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.HelpRequested;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import java.util.List;

/**
 * A command that does work. Subclasses declare their flags in {@link #declare} (returning a
 * holder of type {@code F}) and act in
 * {@link #execute}; this class handles {@code --explain}, {@code --help}, {@code --json}, flag
 * parsing and the check on positional arguments, the same way for every command.
 */
public abstract class LeafCommand<F> implements Command {
    private final String name;
    private final String summary;
    private final String explain;
    private final String positionalUsage;
    private final int maxPositionals;

    /** A command that takes flags only. */
    protected LeafCommand(String name, String summary, String explain) {
        this(name, summary, explain, "", 0);
    }

    /**
     * @param positionalUsage the positional arguments for the usage line, e.g. {@code <run_id|path>}
     * @param maxPositionals how many positional arguments are accepted; more is a usage error
     */
    protected LeafCommand(String name, String summary, String explain, String positionalUsage, int maxPositionals) {
        this.name = name;
        this.summary = summary;
        this.explain = explain;
        this.positionalUsage = positionalUsage;
        this.maxPositionals = maxPositionals;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final String explain() {
        return explain;
    }

    /**
     * Whether {@code --explain --json} is this command's own output (a document about one run) rather
     * than the fixed sentence; such a command declares {@code explain} as a flag.
     */
    protected boolean explainsWithJson() {
        return false;
    }

    /** Declares the command's flags; returns the object {@link #execute} reads them from. */
    protected abstract F declare(FlagSet flags);

    protected abstract int execute(Invocation invocation, Output output, F flags, List<String> positionals);

    @Override
    public final int run(Invocation invocation, String path, List<String> args) {
        if (invocation.wantsExplain() && !(explainsWithJson() && invocation.wantsJson())) {
            invocation.out().println(explain);
            return 0;
        }
        FlagSet flagSet = new FlagSet();
        // Every command prints JSON on request; Output reads the choice from the command line.
        flagSet.bool("json", false, "print a JSON envelope instead of text");
        F declared = declare(flagSet);
        List<String> positionals;
        try {
            positionals = flagSet.parse(args);
        } catch (HelpRequested help) {
            invocation.out().print(usage(path, flagSet));
            return 0;
        } catch (UsageException e) {
            throw e.withUsage(usage(path, flagSet));
        }
        if (positionals.size() > maxPositionals) {
            throw new UsageException("unexpected argument: " + positionals.get(maxPositionals), usage(path, flagSet));
        }
        return execute(invocation, new Output(invocation), declared, positionals);
    }

    private String usage(String path, FlagSet flags) {
        String positional = positionalUsage.isEmpty() ? "" : " " + positionalUsage;
        return "usage: " + path + positional + " [flags]\n\n" + summary + "\n\nflags:\n" + flags.describe();
    }
}
