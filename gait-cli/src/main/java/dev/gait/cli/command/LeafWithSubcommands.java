package dev.gait.cli.command;

import dev.gait.cli.Invocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command that does work itself and also has named subcommands ({@code gait verify} and
 * {@code gait verify chain}, {@code gait doctor} and {@code gait doctor adoption}): a first argument
 * naming a subcommand selects it, anything else goes to the main command.
 */
public final class LeafWithSubcommands implements Command {
    private final Command main;
    private final String summary;
    private final List<Command> subcommands;

    public LeafWithSubcommands(Command main, String summary, List<Command> subcommands) {
        this.main = main;
        this.summary = summary;
        this.subcommands = List.copyOf(subcommands);
    }

    @Override
    public String name() {
        return main.name();
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public String explain() {
        return main.explain();
    }

    /** The main command first, then the subcommands, for tools that walk the command tree. */
    public List<Command> commands() {
        List<Command> all = new ArrayList<>(List.of(main));
        all.addAll(subcommands);
        return all;
    }

    @Override
    public Optional<Command> subcommand(String word) {
        return subcommands.stream().filter(sub -> sub.name().equals(word)).findFirst();
    }

    @Override
    public int run(Invocation invocation, String path, List<String> args) {
        Optional<Command> sub = args.isEmpty() ? Optional.empty() : subcommand(args.getFirst());
        if (sub.isPresent()) {
            return sub.get().run(invocation, path + " " + sub.get().name(), args.subList(1, args.size()));
        }
        return main.run(invocation, path, args);
    }
}
