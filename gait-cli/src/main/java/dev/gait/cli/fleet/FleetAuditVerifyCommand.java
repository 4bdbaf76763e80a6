package dev.gait.cli.fleet;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.error.ExitCode;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonObject;
import dev.gait.fleet.audit.AuditVerifier;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code gait fleet audit-verify <export>}: checks an exported audit log offline, optionally against a head hash kept earlier. */
final class FleetAuditVerifyCommand extends LeafCommand<FleetAuditVerifyCommand.Flags> {

    record Flags(Flag<String> head) {}

    FleetAuditVerifyCommand() {
        super("audit-verify", "Verify an exported fleet audit log offline (hash chain, sequence, optional head).",
                "fleet audit-verify recomputes every entry's hash and its link to the entry before it in an export of\n"
                        + "GET /v1/orgs/{org}/audit/export; with --head (the hash from GET …/audit/head) it also detects a log cut short.",
                "<export>", 1);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(flags.string("head", "", "the head hash the log must end with (from GET /v1/orgs/{org}/audit/head)"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> positionals) {
        if (positionals.isEmpty()) {
            throw new UsageException("missing the audit export to verify");
        }
        String path = positionals.getFirst();
        String export = new String(InputFiles.read(invocation.resolve(path), InputFiles.DEFAULT_MAX_BYTES), StandardCharsets.UTF_8);
        Optional<String> head = flags.head().get().isBlank() ? Optional.empty() : Optional.of(flags.head().get().strip());
        AuditVerifier.Result result;
        try {
            result = AuditVerifier.verify(new StringReader(export), head);
        } catch (IOException e) {
            throw GaitException.io("cannot read " + path + ": " + e.getMessage(), e);
        }
        JsonObject json = JsonObject.builder()
                .put("path", path)
                .put("entries", result.entries())
                .put("head_hash", result.headHash())
                .putStrings("problems", result.problems())
                .build();
        List<String> lines = new ArrayList<>();
        lines.add((result.intact() ? "audit ok: " : "audit failed: ") + path + " entries=" + result.entries());
        result.problems().forEach(problem -> lines.add("problem: " + problem));
        return output.result(result.intact(), result.intact() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, json, lines);
    }
}
