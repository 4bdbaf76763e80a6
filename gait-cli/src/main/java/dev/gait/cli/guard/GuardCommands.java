package dev.gait.cli.guard;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.Invocation;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.VerifyPolicyFlags;
import java.nio.file.Path;
import java.util.List;

/** {@code gait guard ...} and {@code gait incident ...}: evidence packs, retention and encryption at rest. */
public final class GuardCommands {

    private GuardCommands() {}

    public static CommandFamily guard() {
        return new CommandFamily("guard", "Build, verify, retain and encrypt evidence packs.",
                "guard builds signed evidence packs for audits, verifies them, applies retention and encrypts artifacts at rest.",
                List.<Command>of(new GuardPackCommand(), new GuardVerifyCommand(), new GuardRetainCommand(),
                        new GuardVerifyReportCommand(), new GuardEncryptCommand(), new GuardDecryptCommand()));
    }

    /** Verifies an evidence or incident pack, for commands that meet one while reading packs of every family. */
    public static int verifyEvidencePack(Invocation invocation, Output output, Path path, VerifyPolicyFlags.Policy policy) {
        return GuardVerifyCommand.verify(invocation, output, path, policy);
    }

    public static CommandFamily incident() {
        return new CommandFamily("incident", "Build incident packs.",
                "incident packs the evidence around one run into a single signed pack.",
                List.<Command>of(new IncidentPackCommand()));
    }
}
