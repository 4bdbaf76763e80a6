package dev.gait.cli;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.doctor.AdoptionRecorder;
import dev.gait.cli.doctor.DoctorCommands;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.fleet.FleetCommands;
import dev.gait.cli.gate.ApproveCommand;
import dev.gait.cli.gate.ApprovedScriptCommands;
import dev.gait.cli.gate.DelegateCommands;
import dev.gait.cli.gate.GateCommands;
import dev.gait.cli.guard.GuardCommands;
import dev.gait.cli.killswitch.KillSwitchCommands;
import dev.gait.cli.gate.PolicyCommands;
import dev.gait.cli.keys.KeysCommands;
import dev.gait.cli.mcp.McpCommands;
import dev.gait.cli.onboarding.CheckCommand;
import dev.gait.cli.onboarding.InitCommand;
import dev.gait.cli.output.Output;
import dev.gait.cli.regress.RegressCommands;
import dev.gait.cli.pack.PackCommands;
import dev.gait.cli.runpack.CaptureCommand;
import dev.gait.cli.runpack.DemoCommand;
import dev.gait.cli.runpack.MigrateCommand;
import dev.gait.cli.runpack.RunCommands;
import dev.gait.cli.runpack.VerifyCommands;
import dev.gait.cli.serve.ServeCommand;
import dev.gait.core.error.ExitCode;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.version.GaitVersion;
import java.time.Duration;
import java.util.List;

/**
 * The {@code gait} command tree and its single error boundary: whatever goes wrong below ends
 * here as an error envelope and a documented exit code, never as a stack trace.
 */
public final class Cli {

    private static final CommandFamily ROOT = new CommandFamily("gait",
            "Gait: decide, sign and record what AI agents do at the tool boundary.",
            "gait turns agent tool calls into signed, verifiable decisions and evidence that anyone can check offline.",
            List.<Command>of(
                    new VersionCommand(),
                    GateCommands.family(),
                    new ApproveCommand(),
                    new ApprovedScriptCommands.Approve(),
                    new ApprovedScriptCommands.ListScripts(),
                    DelegateCommands.family(),
                    KillSwitchCommands.family(),
                    PolicyCommands.family(),
                    new DemoCommand(),
                    VerifyCommands.command(),
                    RunCommands.family(),
                    RegressCommands.family(),
                    new MigrateCommand(),
                    new CaptureCommand(),
                    GuardCommands.guard(),
                    GuardCommands.incident(),
                    PackCommands.family(),
                    new DigestCommand(),
                    KeysCommands.family(),
                    DoctorCommands.command(),
                    new InitCommand(),
                    new CheckCommand(),
                    new ServeCommand(),
                    McpCommands.family(),
                    FleetCommands.family()));

    private Cli() {}

    /** The command tree, for tests that walk every command. */
    static CommandFamily root() {
        return ROOT;
    }

    /** Runs one command line; with {@code GAIT_ADOPTION_LOG} set, also appends its adoption event. */
    public static int run(Invocation invocation) {
        long started = System.nanoTime();
        int exitCode = runCommand(invocation);
        AdoptionRecorder.record(invocation, ROOT, exitCode, Duration.ofNanos(System.nanoTime() - started));
        return exitCode;
    }

    private static int runCommand(Invocation invocation) {
        Output output = new Output(invocation);
        try {
            return dispatch(invocation);
        } catch (UsageException e) {
            int code = output.error(ExitCode.INVALID_INPUT, e.getMessage(), false);
            if (!output.json() && !e.usage().isEmpty()) {
                invocation.out().print("\n" + e.usage());
            }
            return code;
        } catch (GaitException e) {
            return output.error(e.category().exitCode(), e.getMessage(), e.category().retryable());
        } catch (JsonException e) {
            return output.error(ExitCode.INVALID_INPUT, e.getMessage(), false);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            if (invocation.environment().containsKey("GAIT_DEBUG")) {
                e.printStackTrace(invocation.err());
            }
            return output.error(ExitCode.INTERNAL, "internal error: " + e, false);
        }
    }

    private static int dispatch(Invocation invocation) {
        List<String> args = invocation.args();
        if (args.isEmpty()) {
            invocation.out().println("gait " + GaitVersion.current());
            return 0;
        }
        if (args.getFirst().equals("--version") || args.getFirst().equals("-v")) {
            return new VersionCommand().run(invocation, "gait version", args.subList(1, args.size()));
        }
        return ROOT.run(invocation, "gait", args);
    }
}
