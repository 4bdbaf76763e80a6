package dev.gait.serve.http;

import dev.gait.core.error.GaitException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A started Jetty server that hands every request to one {@link Gateway}, with request handlers on
 * virtual threads (a handler that waits, such as a long poll, parks a virtual thread, not a platform
 * one). With {@link JettyHandler}, the only sidecar classes that speak Jetty.
 */
public final class JettyServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private JettyServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /**
     * @param name names the server's threads
     * @param idleTimeout how long a connection may stay silent; longer than the longest request a handler holds
     */
    public static JettyServer start(String name, String host, int port, Gateway gateway, Duration idleTimeout) {
        return start(name, host, port, new JettyHandler(gateway), idleTimeout);
    }

    /** Serves one Jetty handler, for a transport that streams its answers itself (the MCP proxy). */
    public static JettyServer start(String name, String host, int port, Handler handler, Duration idleTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name);
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            throw GaitException.io("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new JettyServer(server, connector);
    }

    /** The base URL of the listening socket. */
    public URI url() {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        return URI.create("http://" + host + ":" + connector.getLocalPort());
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw GaitException.io("cannot stop the server: " + e.getMessage(), e);
        }
    }
}
