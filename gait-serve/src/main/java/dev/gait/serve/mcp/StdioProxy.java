package dev.gait.serve.mcp;

import dev.gait.core.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code gait mcp proxy -- <server command>}: the client speaks MCP over this process's standard
 * input and output, the server runs as a child. Every line is relayed unchanged except tool calls
 * the gate does not allow, which the proxy answers itself, and lines that are not JSON-RPC
 * messages, which are never forwarded.
 */
public final class StdioProxy {
    /** How the relay ended. */
    public enum End {
        /** The client closed its side. */
        CLIENT_CLOSED,
        /** The server ended first; requests it had not answered were answered with an error. */
        UPSTREAM_ENDED
    }

    private final CallGate gate;
    private final int maxMessageBytes;
    private final PrintStream log;

    public StdioProxy(CallGate gate, int maxMessageBytes, PrintStream log) {
        this.gate = gate;
        this.maxMessageBytes = maxMessageBytes;
        this.log = log;
    }

    /** Relays until the client or the server ends. */
    public End run(InputStream clientIn, OutputStream clientOut, List<String> upstreamCommand) throws InterruptedException {
        McpSession session = new McpSession(gate, "");
        ClientWriter client = new ClientWriter(clientOut);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<End> end = new AtomicReference<>();
        StdioUpstream upstream = StdioUpstream.start(upstreamCommand, maxMessageBytes, log, message -> {
            session.fromUpstream(message);
            client.write(message.raw());
        }, () -> {
            end.compareAndSet(null, End.UPSTREAM_ENDED);
            for (String id : session.pending()) {
                client.write(JsonRpcMessage.error(id, JsonRpcMessage.UPSTREAM_UNAVAILABLE, "gait: the upstream MCP server ended"));
            }
            ended.countDown();
        });
        Thread.ofPlatform().daemon().name("gait-mcp-client").start(() -> {
            try {
                relayClient(new LineReader(clientIn, maxMessageBytes), session, upstream, client);
            } catch (IOException e) {
                log.println("gait mcp: reading the client failed: " + e.getMessage());
            } finally {
                end.compareAndSet(null, End.CLIENT_CLOSED);
                ended.countDown();
            }
        });
        ended.await();
        upstream.close();
        if (end.get() == End.UPSTREAM_ENDED) {
            log.println("gait mcp: the upstream MCP server ended");
        }
        return end.get();
    }

    private void relayClient(LineReader lines, McpSession session, StdioUpstream upstream, ClientWriter client) throws IOException {
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
            if (line == LineReader.OVERSIZE) {
                client.write(JsonRpcMessage.error(null, JsonRpcMessage.INVALID_REQUEST,
                        "gait: message larger than " + maxMessageBytes + " bytes, not forwarded"));
                continue;
            }
            JsonRpcMessage message;
            try {
                message = JsonRpcMessage.parse(line);
            } catch (JsonException e) {
                client.write(JsonRpcMessage.error(null, JsonRpcMessage.PARSE_ERROR, "gait: " + e.getMessage() + ", not forwarded"));
                continue;
            }
            CallGate.Ruling ruling = session.fromClient(message);
            if (!ruling.forward()) {
                client.write(ruling.response());
            } else if (!upstream.send(message.raw()) && message.isRequest()) {
                session.abandon(message.rawId());
                client.write(JsonRpcMessage.error(message.rawId(), JsonRpcMessage.UPSTREAM_UNAVAILABLE, "gait: the upstream MCP server is not reading"));
            }
        }
    }

    /** The client's side of the pipe: whole lines from two threads, never interleaved. */
    private static final class ClientWriter {
        private final OutputStream out;

        ClientWriter(OutputStream out) {
            this.out = out;
        }

        synchronized void write(byte[] message) {
            try {
                out.write(message);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                // the client went away; the relay ends when its input closes
            }
        }
    }
}
