package dev.gait.serve.mcp;

import dev.gait.core.error.GaitException;
import dev.gait.serve.http.Hosts;
import dev.gait.serve.http.JettyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The only MCP class that speaks Jetty: serves the {@link StreamableHttpEndpoint} on a loopback
 * address, each request on a virtual thread (a request may wait for a tool to finish).
 */
public final class McpHttpServer implements AutoCloseable {
    /** Jetty's default: a connection silent for longer is closed. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** How much of an oversized body is read and dropped before the 413 goes out. */
    private static final long DRAIN_LIMIT = 16L << 20;

    private final JettyServer server;
    private final StreamableHttpEndpoint endpoint;

    private McpHttpServer(JettyServer server, StreamableHttpEndpoint endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Binds and serves; only a loopback address is accepted (the transport has no authentication here). */
    public static McpHttpServer start(String host, int port, StreamableHttpEndpoint endpoint) {
        if (!Hosts.isLoopback(host)) {
            throw GaitException.invalidInput("gait mcp proxy listens on loopback addresses only, not " + host);
        }
        Handler handler = new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                endpoint.handle(new JettyExchange(request, response));
                callback.succeeded();
                return true;
            }
        };
        return new McpHttpServer(JettyServer.start("gait-mcp", host, port, handler, IDLE_TIMEOUT), endpoint);
    }

    /** The MCP endpoint's URL. */
    public URI url() {
        return URI.create(server.url() + StreamableHttpEndpoint.PATH);
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            endpoint.close();
        }
    }

    private record JettyExchange(Request request, Response response) implements StreamableHttpEndpoint.Exchange {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return Request.getPathInContext(request);
        }

        @Override
        public String header(String name) {
            return request.getHeaders().get(name);
        }

        @Override
        public byte[] body(int limit) throws IOException {
            InputStream in = Content.Source.asInputStream(request);
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                // read on (bounded) what the client is still sending: closing with unread bytes resets the
                // connection, and the client would see that instead of the 413
                byte[] scratch = new byte[8192];
                long drained = 0;
                for (int n; drained < DRAIN_LIMIT && (n = in.read(scratch)) > 0; ) {
                    drained += n;
                }
            }
            return body;
        }

        @Override
        public OutputStream respond(int status, String contentType, Map<String, String> headers) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            headers.forEach(response.getHeaders()::put);
            return Content.Sink.asOutputStream(response);
        }
    }
}
