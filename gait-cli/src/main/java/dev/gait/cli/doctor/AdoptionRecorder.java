package dev.gait.cli.doctor;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.Command;
import dev.gait.core.adoption.AdoptionEvent;
import dev.gait.core.adoption.AdoptionLog;
import dev.gait.core.version.GaitVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opt-in, local adoption telemetry: when {@code GAIT_ADOPTION_LOG} names a file, every invocation
 * appends one {@code gait.scout.adoption_event} to it ({@code GAIT_ADOPTION_WORKFLOW} tags the
 * workflow). Nothing is written when the variable is unset, nothing leaves the machine, and the event
 * names only the command (words of the command tree, never arguments). Telemetry never changes a
 * command's outcome: a log that cannot be written costs one warning on standard error.
 */
public final class AdoptionRecorder {
    public static final String LOG_VARIABLE = "GAIT_ADOPTION_LOG";
    public static final String WORKFLOW_VARIABLE = "GAIT_ADOPTION_WORKFLOW";
    private static final Set<String> HELP = Set.of("--help", "-help", "-h", "--explain", "-explain");

    private AdoptionRecorder() {}

    public static void record(Invocation invocation, Command root, int exitCode, Duration elapsed) {
        String log = invocation.environment().getOrDefault(LOG_VARIABLE, "").strip();
        if (log.isEmpty()) {
            return;
        }
        try {
            AdoptionEvent event = AdoptionEvent.of(commandName(root, invocation.args()), exitCode, elapsed, GaitVersion.current(),
                    invocation.clock().instant(), invocation.environment().getOrDefault(WORKFLOW_VARIABLE, ""),
                    !asksForHelp(invocation.args()));
            AdoptionLog.append(invocation.resolve(log), event, invocation.clock());
        } catch (RuntimeException e) {
            invocation.err().println("gait: warning: adoption log not written: " + e.getMessage());
        }
    }

    /**
     * The command's path in the command tree ({@code demo}, {@code gate eval}, {@code run session start});
     * {@code version} for no arguments and the version flags, {@code unknown} for anything that names no command.
     */
    static String commandName(Command root, List<String> args) {
        if (args.isEmpty() || Set.of("--version", "-v").contains(args.getFirst())) {
            return "version";
        }
        List<String> words = new ArrayList<>();
        Command current = root;
        for (String arg : args) {
            Optional<Command> sub = arg.startsWith("-") ? Optional.empty() : current.subcommand(arg);
            if (sub.isEmpty()) {
                break;
            }
            words.add(arg);
            current = sub.get();
        }
        if (words.isEmpty()) {
            return HELP.contains(args.getFirst()) || args.getFirst().equals("help") ? "help" : "unknown";
        }
        return String.join(" ", words);
    }

    /** Help and explain requests are recorded but earn no milestone. */
    static boolean asksForHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (HELP.contains(arg)) {
                return true;
            }
        }
        return !args.isEmpty() && args.getFirst().equals("help");
    }
}
