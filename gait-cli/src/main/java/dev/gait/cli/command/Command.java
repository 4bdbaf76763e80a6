package dev.gait.cli.command;

import dev.gait.cli.Invocation;
import java.util.List;
import java.util.Optional;

/** A node of the command tree: a family of subcommands or a leaf that does work. */
public interface Command {

    /** The word that selects this command under its parent. */
    String name();

    /** One line for the parent's usage listing. */
    String summary();

    /** The fixed sentence {@code --explain} prints: what the command is for. */
    String explain();

    /**
     * Runs the command with the arguments that follow its name.
     *
     * @param path the words that led here, e.g. {@code "gait keys init"}
     * @return the process exit code
     */
    int run(Invocation invocation, String path, List<String> args);

    /** The command a word selects below this one, if any; leaves have none. */
    default Optional<Command> subcommand(String word) {
        return Optional.empty();
    }
}
