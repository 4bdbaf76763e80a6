package dev.gait.cli.doctor;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.keys.KeySourceFlags;
import dev.gait.cli.output.Output;
import dev.gait.core.doctor.CheckStatus;
import dev.gait.core.doctor.Doctor;
import dev.gait.core.doctor.DoctorCheck;
import dev.gait.core.doctor.DoctorContext;
import dev.gait.core.doctor.DoctorResult;
import dev.gait.core.doctor.KeySettings;
import dev.gait.core.error.ExitCode;
import dev.gait.core.version.GaitVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait doctor [--production-readiness] [--summary]}: every check with its status and fix.
 * Exit 0 even when checks fail; 7 when a check is non-fixable; 2 when production readiness fails.
 */
final class DoctorCommand extends LeafCommand<DoctorCommand.Flags> {
    static final String ADOPTION_TIP = "export GAIT_ADOPTION_LOG=./gait-out/adoption.jsonl";

    record Flags(Flag<String> workdir, Flag<String> outputDir, Flag<String> keyMode, KeySourceFlags keys,
                 Flag<Boolean> productionReadiness, Flag<Boolean> summary) {}

    DoctorCommand() {
        super("doctor", "Diagnose the workspace, keys and configuration, with a fix for every problem.",
                "doctor diagnoses the local environment and project setup for Gait and names a fix for every check that does not pass.");
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("workdir", ".", "workspace to check"),
                flags.string("output-dir", "./gait-out", "output directory to check (relative to --workdir)"),
                flags.choice("key-mode", "", "key mode to validate: dev or prod (default: gate.key_mode from .gait/config.yaml, else dev)",
                        "dev", "prod"),
                KeySourceFlags.declare(flags),
                flags.bool("production-readiness", false, "check the project configuration for production (exit 2 on failure)"),
                flags.bool("summary", false, "print only the summary and the checks that do not pass"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        Path workDir = invocation.resolve(flags.workdir().get());
        Path outputDir = workDir.resolve(flags.outputDir().get()).normalize();
        KeyFlagPair privateKey = flags.keys().privateKey();
        KeyFlagPair publicKey = flags.keys().publicKey();
        KeySettings keys = new KeySettings(flags.keyMode().get(), resolved(invocation, privateKey), privateKey.env().get().strip(),
                resolved(invocation, publicKey), publicKey.env().get().strip());
        // the launcher passes the path it was run by; a bare name means "found on PATH"
        String invokedAs = invocation.argv0().contains("/") ? invocation.resolve(invocation.argv0()).toString() : "";
        boolean production = flags.productionReadiness().get();
        DoctorResult result = Doctor.run(new DoctorContext(workDir, outputDir, invocation.environment(), keys, invokedAs,
                invocation.clock().instant(), GaitVersion.current()), production);

        ExitCode exit = result.nonFixable() ? ExitCode.DEPENDENCY_MISSING : ExitCode.OK;
        boolean ok = !result.nonFixable();
        if (production && result.status() == CheckStatus.FAIL) {
            exit = ExitCode.VERIFICATION_FAILED;
            ok = false;
        }
        return output.result(ok, exit, result.toJson().toBuilder().putOmitEmpty("summary_mode", flags.summary().get()).build(),
                textLines(result, flags.summary().get()));
    }

    private static String resolved(Invocation invocation, KeyFlagPair key) {
        String path = key.path().get().strip();
        return path.isEmpty() ? "" : invocation.resolve(path).toString();
    }

    private static List<String> textLines(DoctorResult result, boolean summaryOnly) {
        List<String> lines = new ArrayList<>(List.of(result.summary()));
        if (summaryOnly && result.status() == CheckStatus.PASS && !result.nonFixable()) {
            lines.add("tip: " + ADOPTION_TIP);
            lines.add("tip: gait doctor adoption --from ./gait-out/adoption.jsonl --json");
            return lines;
        }
        for (DoctorCheck check : result.checks()) {
            if (summaryOnly && check.status() == CheckStatus.PASS) {
                continue;
            }
            lines.add("- " + check.name() + ": " + check.status().wire() + " (" + check.message() + ")");
            if (!check.fixCommand().isEmpty()) {
                lines.add("  fix: " + check.fixCommand());
            }
        }
        return lines;
    }
}
