package dev.gait.serve.mcp;

import dev.gait.core.error.GaitException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The only MCP class that speaks Jetty: serves the {@link StreamableHttpEndpoint} on a loopback
 * address, each request on a virtual thread (a request may wait for a tool to finish).
 */
public final class McpHttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final StreamableHttpEndpoint endpoint;

    private McpHttpServer(Server server, ServerConnector connector, StreamableHttpEndpoint endpoint) {
        this.server = server;
        this.connector = connector;
        this.endpoint = endpoint;
    }

    /** Binds and serves; only a loopback address is accepted (the transport has no authentication here). */
    public static McpHttpServer start(String host, int port, StreamableHttpEndpoint endpoint) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw GaitException.invalidInput("gait mcp proxy listens on loopback addresses only, not " + host);
            }
        } catch (UnknownHostException e) {
            throw GaitException.invalidInput("cannot resolve listen address " + host, e);
        }
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("gait-mcp");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                endpoint.handle(new JettyExchange(request, response));
                callback.succeeded();
                return true;
            }
        });
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            throw GaitException.io("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new McpHttpServer(server, connector, endpoint);
    }

    /** The MCP endpoint's URL. */
    public URI url() {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        return URI.create("http://" + host + ":" + connector.getLocalPort() + StreamableHttpEndpoint.PATH);
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw GaitException.io("cannot stop the MCP proxy: " + e.getMessage(), e);
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
            return Content.Source.asInputStream(request).readNBytes(limit + 1);
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
