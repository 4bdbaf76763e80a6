package dev.gait.client.testing;

import dev.gait.client.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code gait serve} process on a free loopback port, started by a test and stopped by
 * {@link #close()}. Its standard error goes to {@code serve.err} in its directory.
 */
public final class Sidecar implements AutoCloseable {

    private final Process process;
    private final URI uri;

    private Sidecar(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts {@code gait serve --policy P --listen 127.0.0.1:0 --json} in {@code dir}. */
    public static Sidecar start(Path policy, Path dir, Map<String, String> environment, String... extraFlags) throws IOException {
        List<String> argv = new ArrayList<>(List.of(RealGait.command()));
        argv.addAll(List.of("serve", "--policy", policy.toString(), "--listen", "127.0.0.1:0", "--json",
                "--trace-dir", dir.resolve("traces").toString()));
        argv.addAll(List.of(extraFlags));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectError(dir.resolve("serve.err").toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String line = firstLine.get(RealGait.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("gait serve ended before listening: " + Files.readString(dir.resolve("serve.err")));
            }
            return new Sidecar(process, URI.create((String) Json.readObject(line).get("listening")));
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            stop(process);
            throw new IllegalStateException("gait serve did not start: " + e, e);
        }
    }

    public static Sidecar start(Path policy, Path dir) throws IOException {
        return start(policy, dir, Map.of());
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
