package dev.gait.serve.mcp;

import dev.gait.core.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The MCP streamable HTTP transport in front of an upstream server, on one endpoint ({@value #PATH}).
 * Each POST carries one JSON-RPC message: tool calls pass the gate first; a refused call is
 * answered here. With a stdio upstream the proxy owns the sessions (one server process each, one
 * {@code Mcp-Session-Id}) and answers with JSON; with an HTTP upstream it forwards the exchange
 * unchanged (its session id, JSON or SSE answers, the GET stream and DELETE), after checking that
 * every message in it is JSON-RPC.
 */
public final class StreamableHttpEndpoint {
    public static final String PATH = "/mcp";
    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String JSON = "application/json";
    /** The longest a forwarded request waits for the stdio server's answer. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(10);
    /** Request headers an HTTP upstream needs to see. */
    private static final List<String> FORWARDED_HEADERS = List.of("Accept", "Content-Type", SESSION_HEADER, "MCP-Protocol-Version",
            "Last-Event-ID", "Authorization");

    /** One HTTP exchange as the server hands it over. */
    public interface Exchange {
        String method();

        String path();

        /** A request header, or null. */
        String header(String name);

        /** Up to {@code limit + 1} bytes of the body, so that a body over the limit shows. */
        byte[] body(int limit) throws IOException;

        /** Starts the response; the body goes to the returned stream, which the server closes. */
        OutputStream respond(int status, String contentType, Map<String, String> headers) throws IOException;
    }

    /** A session with a stdio upstream: its server process and the requests waiting for the server's answer. */
    private record Session(String id, McpSession mcp, StdioUpstream upstream, Map<String, CompletableFuture<byte[]>> waiting) {}

    private final CallGate gate;
    private final int maxMessageBytes;
    private final PrintStream log;
    private final List<String> command;
    private final URI upstreamUrl;
    private final HttpClient http;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, McpSession> forwardedSessions = new ConcurrentHashMap<>();

    /** @param command the stdio server to start per session, or null with {@code upstreamUrl} */
    public StreamableHttpEndpoint(CallGate gate, int maxMessageBytes, PrintStream log, List<String> command, URI upstreamUrl) {
        this.gate = gate;
        this.maxMessageBytes = maxMessageBytes;
        this.log = log;
        this.command = command;
        this.upstreamUrl = upstreamUrl;
        this.http = upstreamUrl == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public void handle(Exchange exchange) throws IOException {
        if (!exchange.path().equals(PATH)) {
            plain(exchange, 404, "not found: the MCP endpoint is " + PATH);
        } else if (!loopbackOrigin(exchange.header("Origin"))) {
            plain(exchange, 403, "requests from web pages of other origins are refused");
        } else if (exchange.method().equals("POST")) {
            post(exchange);
        } else if (upstreamUrl != null && (exchange.method().equals("GET") || exchange.method().equals("DELETE"))) {
            String sessionId = exchange.header(SESSION_HEADER);
            forward(exchange, null, sessionId == null ? null : forwardedSessions.get(sessionId));
        } else if (exchange.method().equals("DELETE")) {
            endSession(exchange);
        } else {
            exchange.respond(405, "text/plain", Map.of("Allow", "POST, DELETE")).close();
        }
    }

    /** Ends every session's server. */
    public void close() {
        sessions.values().forEach(session -> session.upstream().close());
        sessions.clear();
    }

    private void post(Exchange exchange) throws IOException {
        String contentType = exchange.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(JSON)) {
            plain(exchange, 415, "the body must be sent as application/json");
            return;
        }
        byte[] body = exchange.body(maxMessageBytes);
        if (body.length > maxMessageBytes) {
            json(exchange, 413, JsonRpcMessage.error(null, JsonRpcMessage.INVALID_REQUEST,
                    "gait: message larger than " + maxMessageBytes + " bytes, not forwarded"), Map.of());
            return;
        }
        JsonRpcMessage message;
        try {
            message = JsonRpcMessage.parse(body);
        } catch (JsonException e) {
            json(exchange, 400, JsonRpcMessage.error(null, JsonRpcMessage.PARSE_ERROR, "gait: " + e.getMessage() + ", not forwarded"), Map.of());
            return;
        }
        String sessionId = exchange.header(SESSION_HEADER);
        boolean opens = sessionId == null && message.isRequest() && message.method().equals("initialize");
        if (upstreamUrl != null) {
            McpSession session = opens ? new McpSession(gate, "") : forwardedSessions.computeIfAbsent(sessionId == null ? "" : sessionId,
                    id -> new McpSession(gate, id));
            CallGate.Ruling ruling = session.fromClient(message);
            if (ruling.forward()) {
                forward(exchange, message, session);
            } else {
                json(exchange, 200, ruling.response(), Map.of());
            }
            return;
        }
        Session session = opens ? open() : sessionId == null ? null : sessions.get(sessionId);
        if (session == null) {
            json(exchange, sessionId == null ? 400 : 404, JsonRpcMessage.error(message.rawId(), JsonRpcMessage.INVALID_REQUEST,
                    sessionId == null ? "gait: missing " + SESSION_HEADER + " header" : "gait: unknown or ended session"), Map.of());
            return;
        }
        Map<String, String> headers = Map.of(SESSION_HEADER, session.id());
        CallGate.Ruling ruling = session.mcp().fromClient(message);
        if (!ruling.forward()) {
            json(exchange, 200, ruling.response(), headers);
        } else if (!message.isRequest()) {
            session.upstream().send(message.raw());
            exchange.respond(202, "text/plain", headers).close();
        } else {
            json(exchange, 200, exchangeWithServer(session, message), headers);
        }
    }

    /** Sends a request to the session's server and waits for its answer (an error answer when the server cannot give one). */
    private byte[] exchangeWithServer(Session session, JsonRpcMessage request) {
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        session.waiting().put(request.rawId(), answer);
        try {
            if (!session.upstream().send(request.raw())) {
                return JsonRpcMessage.error(request.rawId(), JsonRpcMessage.UPSTREAM_UNAVAILABLE, "gait: the upstream MCP server is not reading");
            }
            return answer.get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return JsonRpcMessage.error(request.rawId(), JsonRpcMessage.UPSTREAM_UNAVAILABLE, "gait: no answer from the upstream MCP server");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JsonRpcMessage.error(request.rawId(), JsonRpcMessage.UPSTREAM_UNAVAILABLE, "gait: interrupted");
        } finally {
            session.waiting().remove(request.rawId());
        }
    }

    private Session open() {
        String id = UUID.randomUUID().toString();
        Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
        McpSession mcp = new McpSession(gate, id);
        StdioUpstream upstream = StdioUpstream.start(command, maxMessageBytes, log, message -> {
            mcp.fromUpstream(message);
            CompletableFuture<byte[]> answer = message.isResponse() && message.rawId() != null ? waiting.get(message.rawId()) : null;
            if (answer != null) {
                answer.complete(message.raw());
            } else {
                log.println("gait mcp: session " + id + ": dropped a server message with no request waiting for it (no GET stream): "
                        + message.method());
            }
        }, () -> {
            sessions.remove(id);
            waiting.forEach((rawId, answer) -> answer.complete(
                    JsonRpcMessage.error(rawId, JsonRpcMessage.UPSTREAM_UNAVAILABLE, "gait: the upstream MCP server ended")));
        });
        Session session = new Session(id, mcp, upstream, waiting);
        sessions.put(id, session);
        return session;
    }

    private void endSession(Exchange exchange) throws IOException {
        String sessionId = exchange.header(SESSION_HEADER);
        Session session = sessionId == null ? null : sessions.remove(sessionId);
        if (session == null) {
            plain(exchange, 404, "unknown or ended session");
            return;
        }
        session.upstream().close();
        exchange.respond(200, "text/plain", Map.of()).close();
    }

    /**
     * Forwards the exchange to the HTTP upstream and its answer back. A JSON answer is read whole and
     * must be a JSON-RPC message (it is noted in the session); an event stream is passed through as it comes.
     */
    private void forward(Exchange exchange, JsonRpcMessage message, McpSession session) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstreamUrl)
                .method(exchange.method(), message == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(message.raw()));
        for (String name : FORWARDED_HEADERS) {
            String value = exchange.header(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        String rawId = message == null ? null : message.rawId();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            json(exchange, 502, JsonRpcMessage.error(rawId, JsonRpcMessage.UPSTREAM_UNAVAILABLE,
                    "gait: cannot reach the upstream MCP server: " + e.getMessage()), Map.of());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            json(exchange, 502, JsonRpcMessage.error(rawId, JsonRpcMessage.UPSTREAM_UNAVAILABLE, "gait: interrupted"), Map.of());
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().firstValue(SESSION_HEADER).ifPresent(id -> headers.put(SESSION_HEADER, id));
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (session != null && message != null && message.method().equals("initialize") && headers.containsKey(SESSION_HEADER)) {
            forwardedSessions.put(headers.get(SESSION_HEADER), session);
        }
        try (InputStream body = response.body()) {
            if (type.toLowerCase(Locale.ROOT).startsWith(JSON)) {
                byte[] answer = body.readNBytes(maxMessageBytes + 1);
                // an accepted notification or response has no content to check
                byte[] checked = answer.length == 0 ? answer : checkedAnswer(answer, rawId, session);
                json(exchange, checked == answer ? response.statusCode() : 502, checked, headers);
                return;
            }
            try (OutputStream out = exchange.respond(response.statusCode(), type.isEmpty() ? "text/plain" : type, headers)) {
                if (type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                    new EventStreamRelay(maxMessageBytes, log).relay(body, out, session);
                } else {
                    body.transferTo(out);
                }
            }
        }
    }

    /** The upstream's JSON answer when it is one JSON-RPC message within the size limit; an error answer otherwise. */
    private byte[] checkedAnswer(byte[] answer, String rawId, McpSession session) {
        if (answer.length > maxMessageBytes) {
            return JsonRpcMessage.error(rawId, JsonRpcMessage.UPSTREAM_UNAVAILABLE, "gait: the upstream's answer is larger than "
                    + maxMessageBytes + " bytes, not forwarded");
        }
        try {
            JsonRpcMessage parsed = JsonRpcMessage.parse(answer);
            if (session != null) {
                session.fromUpstream(parsed);
            }
            return answer;
        } catch (JsonException e) {
            return JsonRpcMessage.error(rawId, JsonRpcMessage.UPSTREAM_UNAVAILABLE, "gait: the upstream's answer is not a JSON-RPC message, not forwarded");
        }
    }

    /** Only loopback pages may call (the transport's DNS-rebinding guard); requests without an Origin are not from browsers. */
    static boolean loopbackOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        try {
            String host = URI.create(origin).getHost();
            return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void json(Exchange exchange, int status, byte[] body, Map<String, String> headers) throws IOException {
        try (OutputStream out = exchange.respond(status, JSON, headers)) {
            out.write(body);
        }
    }

    private static void plain(Exchange exchange, int status, String text) throws IOException {
        try (OutputStream out = exchange.respond(status, "text/plain; charset=utf-8", Map.of())) {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
