package dev.gait.cli.command;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command with subcommands. A missing or unknown subcommand prints the usage and exits 6;
 * {@code --help} on its own prints the usage and exits 0.
 */
public class CommandFamily implements Command {
    private final String name;
    private final String summary;
    private final String explain;
    private final Map<String, Command> subcommands = new LinkedHashMap<>();

    public CommandFamily(String name, String summary, String explain, List<Command> subcommands) {
        this.name = name;
        this.summary = summary;
        this.explain = explain;
        for (Command command : subcommands) {
            this.subcommands.put(command.name(), command);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public String explain() {
        return explain;
    }

    @Override
    public int run(Invocation invocation, String path, List<String> args) {
        String first = args.isEmpty() ? "" : args.getFirst();
        Command subcommand = subcommands.get(first);
        if (subcommand != null) {
            return subcommand.run(invocation, path + " " + first, args.subList(1, args.size()));
        }
        if (invocation.wantsExplain()) {
            invocation.out().println(explain);
            return 0;
        }
        if (isHelp(first)) {
            invocation.out().print(usage(path));
            return 0;
        }
        if (first.isEmpty() || first.startsWith("-")) {
            throw new UsageException("missing subcommand for " + path, usage(path));
        }
        String family = path.equals("gait") ? "" : path.substring("gait ".length()) + " ";
        throw new UsageException("unknown command: " + family + first, usage(path));
    }

    @Override
    public Optional<Command> subcommand(String word) {
        return Optional.ofNullable(subcommands.get(word));
    }

    public List<Command> subcommands() {
        return List.copyOf(subcommands.values());
    }

    static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-help") || arg.equals("-h") || arg.equals("help");
    }

    public String usage(String path) {
        StringBuilder out = new StringBuilder("usage: ").append(path).append(" <command> [flags]\n\n")
                .append(summary).append("\n\ncommands:\n");
        int width = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Command command : subcommands.values()) {
            out.append("  ").append(command.name()).repeat(' ', width - command.name().length() + 2)
                    .append(command.summary()).append('\n');
        }
        out.append("\nRun '").append(path).append(" <command> --help' for a command's flags.\n");
        return out.toString();
    }
}
