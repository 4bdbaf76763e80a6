package dev.gait.serve.http;

/**
 * A per-process token bucket: {@code perSecond} requests a second on average, bursts of up to one
 * second's worth. Zero means no limit.
 */
public final class RequestRateLimit {
    private final long perSecond;
    private final double capacity;
    private double tokens;
    private long refilledAt = System.nanoTime();

    public RequestRateLimit(long perSecond) {
        this.perSecond = perSecond;
        this.capacity = perSecond;
        this.tokens = perSecond;
    }

    public synchronized boolean tryAcquire() {
        if (perSecond <= 0) {
            return true;
        }
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perSecond / 1e9);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
