package dev.gait.cli.mcp;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.flags.UsageException;
import java.net.URI;
import java.util.List;

/** {@code gait mcp proxy|verify}: the gate in front of an MCP server, and its tools checked against a trust snapshot. */
public final class McpCommands {
    /** The default largest message relayed or read. */
    static final long DEFAULT_MAX_MESSAGE_BYTES = 16L << 20;

    private McpCommands() {}

    public static CommandFamily family() {
        return new CommandFamily("mcp", "Gate an MCP server's tool calls, and check its tools against a trust snapshot.",
                "mcp proxy speaks the Model Context Protocol in front of an upstream MCP server and forwards a tool call only when the gate allows it; mcp verify compares the server's tools with a trust snapshot.",
                List.<Command>of(new ProxyCommand(), new VerifyCommand()));
    }

    /** The upstream: a command after {@code --}, or a URL; exactly one of them. */
    static URI upstreamUrl(String url, List<String> command, String flag) {
        if (url.isBlank() == command.isEmpty()) {
            throw new UsageException("name the upstream MCP server: either --" + flag + " URL or -- <server command...>");
        }
        if (url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + flag + ": not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new UsageException("--" + flag + " must be an http or https URL");
        }
        return uri;
    }

    static int maxMessageBytes(long value) {
        if (value < 1 || value > Integer.MAX_VALUE - 1) {
            throw new UsageException("--max-message-bytes must be between 1 and " + (Integer.MAX_VALUE - 1));
        }
        return (int) value;
    }
}
