package dev.gait.fleet.http;

import java.time.Duration;

/**
 * How {@code gait fleet serve} listens: loopback by default, port 0 picks a free one.
 *
 * @param maxBodyBytes the largest request body (artifact uploads are the large ones)
 * @param refreshInterval how often the store is asked for promotions made through other replicas
 */
public record FleetOptions(String host, int port, int maxBodyBytes, Duration refreshInterval) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8788;
    public static final int DEFAULT_MAX_BODY_BYTES = 64 << 20;
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMillis(500);

    public static FleetOptions defaults() {
        return new FleetOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_REFRESH_INTERVAL);
    }

    public FleetOptions withListen(String host, int port) {
        return new FleetOptions(host, port, maxBodyBytes, refreshInterval);
    }
}
