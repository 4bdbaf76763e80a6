package dev.gait.cli.mcp;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.output.Output;
import dev.gait.core.canon.Jcs;
import dev.gait.core.error.ExitCode;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.serve.mcp.ToolLister;
import dev.gait.serve.mcp.TrustSnapshot;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gait mcp verify --snapshot F [--write-snapshot] (--url URL | -- <server command...>)}: lists
 * the server's tools and compares them with a trust snapshot; added, removed or changed tools
 * fail the verification (exit 2). {@code --write-snapshot} records the current tools instead.
 */
final class VerifyCommand extends LeafCommand<VerifyCommand.Flags> {

    record Flags(Flag<String> snapshot, Flag<Boolean> writeSnapshot, Flag<String> url, Flag<Long> maxMessageBytes) {}

    VerifyCommand() {
        super("verify", "Compare an MCP server's tools with a trust snapshot (tool name → digest of its definition).",
                "mcp verify lists an MCP server's tools and compares each tool's canonical definition digest with a trust snapshot; a tool that was added, removed or changed fails the verification.",
                "-- <server command...>", Integer.MAX_VALUE);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("snapshot", "", "trust snapshot file (gait.mcp.tool_snapshot)"),
                flags.bool("write-snapshot", false, "write the server's current tools to --snapshot instead of comparing"),
                flags.string("url", "", "the server's MCP streamable HTTP endpoint, instead of a command after --"),
                flags.integer("max-message-bytes", McpCommands.DEFAULT_MAX_MESSAGE_BYTES, "largest message read from a stdio server"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> command) {
        if (flags.snapshot().get().isBlank()) {
            throw new UsageException("missing required --snapshot");
        }
        Path snapshotPath = invocation.resolve(flags.snapshot().get());
        URI url = McpCommands.upstreamUrl(flags.url().get(), command, "url");
        int maxMessageBytes = McpCommands.maxMessageBytes(flags.maxMessageBytes().get());
        // read the trusted snapshot before starting the server: a missing snapshot fails without running anything
        TrustSnapshot trusted = flags.writeSnapshot().get() ? null
                : TrustSnapshot.parse(InputFiles.read(snapshotPath, InputFiles.DEFAULT_MAX_BYTES), snapshotPath.toString());
        TrustSnapshot current = TrustSnapshot.of(url != null ? ToolLister.fromUrl(url)
                : ToolLister.fromCommand(List.copyOf(command), maxMessageBytes, invocation.err()));
        if (trusted == null) {
            ByteArrayOutputStream document = new ByteArrayOutputStream();
            document.writeBytes(Jcs.canonicalize(current.toJson()));
            document.write('\n');
            AtomicFiles.write(snapshotPath, document.toByteArray(), true);
            return output.success(JsonObject.builder().put("snapshot_path", snapshotPath.toString()).put("tools", current.tools().size()).build(),
                    List.of("wrote " + snapshotPath + " (" + current.tools().size() + " tools)"));
        }
        TrustSnapshot.Drift drift = trusted.compare(current);
        List<String> lines = new ArrayList<>();
        drift.added().forEach(name -> lines.add("added: " + name));
        drift.removed().forEach(name -> lines.add("removed: " + name));
        drift.changed().forEach(name -> lines.add("changed: " + name));
        lines.add((drift.none() ? "ok: " : "drift: ") + drift.unchanged() + " of " + trusted.tools().size() + " trusted tools unchanged");
        JsonObject result = JsonObject.builder()
                .put("snapshot_path", snapshotPath.toString())
                .put("added", JsonArray.ofStrings(drift.added()))
                .put("removed", JsonArray.ofStrings(drift.removed()))
                .put("changed", JsonArray.ofStrings(drift.changed()))
                .put("unchanged", drift.unchanged())
                .build();
        return output.result(drift.none(), drift.none() ? ExitCode.OK : ExitCode.VERIFICATION_FAILED, result, lines);
    }
}
