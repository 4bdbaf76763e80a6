package dev.gait.serve.mcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy's view of one client connection: the client's name (from {@code initialize}), the
 * tools the server listed, and the requests still waiting for the server's answer. Every client
 * message passes {@link #fromClient}, every server message {@link #fromUpstream}.
 */
public final class McpSession {
    private final CallGate gate;
    private final String sessionId;
    private final ToolCatalog catalog = new ToolCatalog();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Set<String> toolListRequests = ConcurrentHashMap.newKeySet();
    private volatile String clientName = "";

    /** @param sessionId the MCP session id, or empty on stdio */
    public McpSession(CallGate gate, String sessionId) {
        this.gate = gate;
        this.sessionId = sessionId;
    }

    /** Decides what happens to a client message: tool calls through the gate, everything else is forwarded. */
    public CallGate.Ruling fromClient(JsonRpcMessage message) {
        if (message.isRequest()) {
            switch (message.method()) {
                case "initialize" -> clientName = message.params().object("clientInfo")
                        .flatMap(info -> info.string("name")).orElse("");
                case "tools/list" -> toolListRequests.add(message.rawId());
                case CallGate.TOOLS_CALL -> {
                    CallGate.Ruling ruling = gate.decide(message, catalog, clientName, sessionId);
                    if (!ruling.forward()) {
                        return ruling;
                    }
                }
                default -> { }
            }
            pending.add(message.rawId());
        }
        return CallGate.Ruling.FORWARD;
    }

    /** Notes a server message on its way to the client. */
    public void fromUpstream(JsonRpcMessage message) {
        if (message.isResponse() && message.rawId() != null) {
            pending.remove(message.rawId());
            if (toolListRequests.remove(message.rawId())) {
                message.body().object("result").ifPresent(catalog::learn);
            }
        }
    }

    /** Forgets a forwarded request the proxy answered itself because the server could not take it. */
    public void abandon(String rawId) {
        pending.remove(rawId);
    }

    /** The ids of forwarded requests the server has not answered yet. */
    public Set<String> pending() {
        return Set.copyOf(pending);
    }
}
