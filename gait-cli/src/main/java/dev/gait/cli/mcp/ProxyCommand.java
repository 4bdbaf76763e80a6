package dev.gait.cli.mcp;

import dev.gait.cli.Invocation;
import dev.gait.cli.command.LeafCommand;
import dev.gait.cli.flags.Flag;
import dev.gait.cli.flags.FlagSet;
import dev.gait.cli.flags.UsageException;
import dev.gait.cli.keys.KeyFlagPair;
import dev.gait.cli.output.Output;
import dev.gait.cli.serve.ListenAddress;
import dev.gait.core.digest.Ids;
import dev.gait.core.error.ExitCode;
import dev.gait.core.json.JsonObject;
import dev.gait.core.sign.KeySource;
import dev.gait.core.sign.LocalKeyStore;
import dev.gait.serve.mcp.CallContext;
import dev.gait.serve.mcp.CallGate;
import dev.gait.serve.mcp.McpHttpServer;
import dev.gait.serve.mcp.McpProxy;
import dev.gait.serve.mcp.StdioProxy;
import dev.gait.serve.mcp.StreamableHttpEndpoint;
import java.net.URI;
import java.util.List;

/**
 * {@code gait mcp proxy [flags] -- <server command...>} (stdio) or {@code --listen HOST:PORT}
 * (streamable HTTP, upstream a command or {@code --upstream-url}). On stdio, standard output is
 * the MCP channel: everything the proxy reports goes to standard error.
 */
final class ProxyCommand extends LeafCommand<ProxyCommand.Flags> {

    record Flags(Flag<String> policy, KeyFlagPair privateKey, Flag<String> killSwitchState, Flag<String> traceDir, Flag<String> packDir, Flag<String> rateLimitState,
                 Flag<String> identity, Flag<String> workspace, Flag<String> riskClass, Flag<String> agentId, Flag<String> sessionId,
                 Flag<String> environment, Flag<String> listen, Flag<String> upstreamUrl, Flag<Long> maxMessageBytes) {}

    ProxyCommand() {
        super("proxy", "Speak MCP in front of an upstream server; forward a tool call only when the gate allows it.",
                "mcp proxy relays the Model Context Protocol between a client and an upstream MCP server (stdio, or streamable HTTP with --listen); every tools/call is decided by the gate with a signed trace and forwarded only on allow, other verdicts come back as tool errors.",
                "-- <server command...>", Integer.MAX_VALUE);
    }

    @Override
    protected Flags declare(FlagSet flags) {
        return new Flags(
                flags.string("policy", "", "policy YAML (gait.gate.policy); reloaded when the file changes"),
                KeyFlagPair.declare(flags, "private-key", "Gait private key that signs traces (default: your local key)"),
                flags.string("kill-switch-state", "", "kill-switch state (gait.gate.kill_switch_state); reloaded when the file changes"),
                flags.string("trace-dir", ".gait-out/traces", "directory for one signed trace file per decided tool call"),
                flags.string("pack-dir", "", "also write a signed runpack per decided tool call into this directory"),
                flags.string("rate-limit-state", ".gait-out/gate_rate_limits.json", "shared rate-limit state file of the policy's budgets"),
                flags.string("identity", CallContext.DEFAULT_IDENTITY, "context.identity of every call"),
                flags.string("workspace", CallContext.DEFAULT_WORKSPACE, "context.workspace of every call"),
                flags.string("risk-class", CallContext.DEFAULT_RISK_CLASS, "context.risk_class of every call"),
                flags.string("agent-id", "", "context.agent_id of every call (default: the MCP client's name)"),
                flags.string("session-id", "", "context.session_id of every call (default: the MCP session id, over HTTP)"),
                flags.string("environment", "", "context.environment of every call"),
                flags.string("listen", "", "serve MCP streamable HTTP on this loopback HOST:PORT (port 0: any free port) instead of stdio"),
                flags.string("upstream-url", "", "with --listen: the upstream server's MCP endpoint URL instead of a command"),
                flags.integer("max-message-bytes", McpCommands.DEFAULT_MAX_MESSAGE_BYTES, "largest JSON-RPC message relayed; larger ones are refused"));
    }

    @Override
    protected int execute(Invocation invocation, Output output, Flags flags, List<String> command) {
        if (flags.policy().get().isBlank()) {
            throw new UsageException("missing required --policy");
        }
        boolean http = !flags.listen().get().isBlank();
        URI upstreamUrl = McpCommands.upstreamUrl(flags.upstreamUrl().get(), command, "upstream-url");
        if (upstreamUrl != null && !http) {
            throw new UsageException("--upstream-url needs --listen (on stdio the upstream is a command)");
        }
        ListenAddress listen = http ? ListenAddress.parse(flags.listen().get()) : null;
        int maxMessageBytes = McpCommands.maxMessageBytes(flags.maxMessageBytes().get());
        KeySource key = flags.privateKey().source(invocation).orElseGet(() ->
                new KeySource.FileSource(LocalKeyStore.forEnvironment(invocation.environment()).openOrCreate().privateKey()));
        CallContext context = new CallContext(flags.identity().get(), flags.workspace().get(), flags.riskClass().get(), flags.agentId().get(),
                flags.sessionId().get(), flags.environment().get());
        CallGate gate = McpProxy.gate(new McpProxy.Options(invocation.resolve(flags.policy().get()), key,
                flags.killSwitchState().get().isBlank() ? null : invocation.resolve(flags.killSwitchState().get()),
                invocation.resolve(flags.traceDir().get()), flags.packDir().get().isBlank() ? null : invocation.resolve(flags.packDir().get()),
                invocation.resolve(flags.rateLimitState().get()), context, Ids.correlationId(invocation.argv())), invocation.err());
        try {
            return http ? serveHttp(invocation, output, gate, listen, command, upstreamUrl, maxMessageBytes)
                    : relayStdio(invocation, gate, command, maxMessageBytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERNAL.code();
        }
    }

    private static int relayStdio(Invocation invocation, CallGate gate, List<String> command, int maxMessageBytes) throws InterruptedException {
        StdioProxy.End end = new StdioProxy(gate, maxMessageBytes, invocation.err()).run(invocation.in(), invocation.out(), command);
        // the server ending first leaves the client without its tools: a missing dependency
        return end == StdioProxy.End.CLIENT_CLOSED ? ExitCode.OK.code() : ExitCode.DEPENDENCY_MISSING.code();
    }

    private static int serveHttp(Invocation invocation, Output output, CallGate gate, ListenAddress listen, List<String> command, URI upstreamUrl,
                                 int maxMessageBytes) throws InterruptedException {
        StreamableHttpEndpoint endpoint = new StreamableHttpEndpoint(gate, maxMessageBytes, invocation.err(),
                upstreamUrl == null ? List.copyOf(command) : null, upstreamUrl);
        McpHttpServer server = McpHttpServer.start(listen.host(), listen.port(), endpoint);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        output.success(JsonObject.builder().put("listening", server.url().toString()).build(), List.of("listening=" + server.url()));
        invocation.out().flush();
        server.join();
        return ExitCode.OK.code();
    }
}
