package dev.gait.cli.runpack;

import dev.gait.cli.Invocation;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.runpack.VerifyReport;
import java.nio.file.Path;
import java.util.List;

/** {@code gait run receipt <run_id|path>}: verifies a runpack and prints its ticket footer. */
final class RunReceiptCommand extends SingleRunpackCommand<VerifyPolicyFlags> {

    RunReceiptCommand() {
        super("receipt", "Verify a runpack and print the ticket footer to paste into an incident ticket.",
                "run receipt verifies a runpack and prints a one-line ticket footer that tells anyone how to verify the run.");
    }

    @Override
    protected VerifyPolicyFlags declare(FlagSet flags) {
        return VerifyPolicyFlags.declare(flags);
    }

    @Override
    protected int execute(Invocation invocation, Output output, VerifyPolicyFlags flags, Path runpack, String shown) {
        VerifyReport report = VerifyCommand.verify(runpack, shown, flags.resolve(invocation));
        if (!report.ok()) {
            return VerifyCommand.print(output, report, shown);
        }
        String footer = RunpackWriter.ticketFooter(report.runId(), report.manifestDigest());
        return output.result(true, ExitCode.OK, JsonObject.builder()
                .put("run_id", report.runId())
                .put("path", shown)
                .put("manifest_digest", report.manifestDigest())
                .put("ticket_footer", footer)
                .build(), List.of(footer));
    }
}
