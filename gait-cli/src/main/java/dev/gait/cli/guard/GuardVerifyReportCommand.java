package dev.gait.cli.guard;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.cli.runpack.RunpackLocator;
import dev.gait.cli.runpack.VerifyPolicyFlags;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.guard.RetentionReports;
import dev.gait.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code gait guard verify-report <report.json>}: a signed deletion report from {@code guard retain}, unchanged and complete. */
final class GuardVerifyReportCommand extends LeafCommand<VerifyPolicyFlags> {

    GuardVerifyReportCommand() {
        super("verify-report", "Verify a signed retention (deletion) report offline: form, consistency and signature.",
                "guard verify-report checks that a deletion report written by guard retain is unchanged and was signed by a trusted key.",
                "<report.json>", 1);
    }

    @Override
    protected VerifyPolicyFlags declare(FlagSet flags) {
        return VerifyPolicyFlags.declare(flags);
    }

    @Override
    protected int execute(Invocation invocation, Output output, VerifyPolicyFlags flags, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("expected <report.json>");
        }
        VerifyPolicyFlags.Policy policy = flags.resolve(invocation);
        Path path = invocation.resolve(positionals.getFirst());
        String shown = RunpackLocator.display(invocation, path);
        RetentionReports.Check check = RetentionReports.verify(InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES), shown,
                policy.trustedKeys(), policy.requireSignature());
        boolean ok = check.ok();
        JsonObject.Builder json = JsonObject.builder()
                .put("path", shown)
                .put("root_path", check.report().string("root_path").orElse(""))
                .put("dry_run", check.report().get("dry_run").orElse(null))
                .put("deleted_files", check.count("deleted_files"))
                .put("kept_files", check.count("kept_files"))
                .putStringsOmitEmpty("report_errors", check.errors())
                .put("signature_status", check.signature().status().wire())
                .putStringsOmitEmpty("signature_errors", check.signature().errors())
                .putOmitEmpty("signature_note", check.signature().note());
        List<String> text = new ArrayList<>(List.of((ok ? "report verify ok: " : "report verify failed: ") + shown,
                "deleted_files=" + check.count("deleted_files"), "kept_files=" + check.count("kept_files"),
                "signature_status=" + check.signature().status().wire()));
        if (!ok) {
            json.put("error", check.failure());
            text.add("error=" + check.failure());
        }
        return output.result(ok, ok ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json.build(), text);
    }
}
