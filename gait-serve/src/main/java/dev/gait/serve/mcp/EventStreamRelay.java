package dev.gait.serve.mcp;

import dev.gait.core.json.JsonException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes an upstream server-sent event stream to the client event by event. Each event is held
 * until it is complete; an event whose data is not a JSON-RPC message, or that is over the size
 * limit, is dropped (nothing unparsed reaches the client), every other one is noted in the session
 * and written unchanged.
 */
final class EventStreamRelay {
    private final int maxEventBytes;
    private final PrintStream log;

    EventStreamRelay(int maxEventBytes, PrintStream log) {
        this.maxEventBytes = maxEventBytes;
        this.log = log;
    }

    /** @param session the session the stream belongs to, or null when the proxy has not seen it */
    void relay(InputStream upstream, OutputStream client, McpSession session) throws IOException {
        InputStream in = new BufferedInputStream(upstream);
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        StringBuilder data = new StringBuilder();
        boolean oversize = false;
        for (byte[] line = readLine(in); line != null; line = readLine(in)) {
            String text = new String(line, StandardCharsets.UTF_8).stripTrailing();
            if (!text.isEmpty()) {
                if (event.size() + line.length > maxEventBytes) {
                    oversize = true;
                } else {
                    event.write(line);
                }
                if (text.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(text.substring(text.startsWith("data: ") ? 6 : 5));
                }
                continue;
            }
            if (oversize) {
                log.println("gait mcp: dropped an event from the upstream server larger than " + maxEventBytes + " bytes");
            } else if (forwardable(data, session)) {
                event.write(line);
                client.write(event.toByteArray());
                client.flush();
            }
            event.reset();
            data.setLength(0);
            oversize = false;
        }
    }

    /** Whether the event may reach the client: no data (a comment or a retry hint), or one JSON-RPC message. */
    private boolean forwardable(StringBuilder data, McpSession session) {
        if (data.isEmpty()) {
            return true;
        }
        try {
            JsonRpcMessage message = JsonRpcMessage.parse(data.toString().getBytes(StandardCharsets.UTF_8));
            if (session != null) {
                session.fromUpstream(message);
            }
            return true;
        } catch (JsonException e) {
            log.println("gait mcp: dropped an event from the upstream server that is not a JSON-RPC message: " + e.getMessage());
            return false;
        }
    }

    /** One line with its line end, or null at the end of the stream. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }
}
