package dev.gait.cli.runpack;

import dev.gait.core.json.JsonObject;
import dev.gait.core.replay.Payloads;
import dev.gait.core.replay.ToolExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Replays a call with {@code args.url} as one HTTP GET: no redirects followed, a 5 s deadline, at
 * most 1 MiB of body. Records the status code, content type and the body (by digest; inline when
 * short text). It lives in the CLI because the core library never opens network connections.
 */
public final class HttpGetExecutor implements ToolExecutor {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public String name() {
        return "http_get";
    }

    @Override
    public Result execute(String toolName, JsonObject args) {
        String url = Payloads.text(args, "url");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Result.error("args.url is not a URL: " + url);
        }
        if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
            return Result.error("args.url must be an http or https URL with a host");
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            HttpResponse<InputStream> response = client.sendAsync(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()).get(remaining(deadline), TimeUnit.NANOSECONDS);
            // the deadline covers the body too: a server that trickles bytes is cut off, not waited for
            CompletableFuture<byte[]> reading = CompletableFuture.supplyAsync(() -> readCapped(response.body()),
                    Thread::startVirtualThread);
            byte[] body;
            try {
                body = reading.get(remaining(deadline), TimeUnit.NANOSECONDS);
            } finally {
                response.body().close();
            }
            if (body.length > MAX_BODY_BYTES) {
                return Result.error("response body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            JsonObject.Builder payload = JsonObject.builder().put("url", url).put("status_code", response.statusCode())
                    .putOmitEmpty("content_type", response.headers().firstValue("content-type").orElse(""));
            Payloads.describe(payload, "body", body);
            boolean success = response.statusCode() >= 200 && response.statusCode() < 300;
            return new Result(success ? "ok" : "error", payload.build());
        } catch (TimeoutException e) {
            return Result.error("GET " + url + " did not complete within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException | IOException | IllegalArgumentException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return Result.error("GET " + url + " failed: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.error("GET " + url + " interrupted");
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static byte[] readCapped(InputStream in) {
        try {
            return in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
