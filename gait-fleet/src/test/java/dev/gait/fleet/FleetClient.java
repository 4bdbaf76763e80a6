package dev.gait.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A real HTTP client of the control plane's API for tests: requests with a bearer token (or none), replies read as JSON. */
public final class FleetClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<URI> server;

    /** @param server the server's base URL, asked at each request (a test may restart the server) */
    public FleetClient(Supplier<URI> server) {
        this.server = server;
    }

    public HttpResponse<String> get(String path, String token, String ifNoneMatch) throws IOException, InterruptedException {
        return http.send(conditional(path, token, ifNoneMatch).build(), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path, String token, String ifNoneMatch) {
        return http.sendAsync(conditional(path, token, ifNoneMatch).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return http.send(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> upload(String path, String token, byte[] artifact) throws IOException, InterruptedException {
        return http.send(request(path, token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(artifact)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method, with a body of the route's media type for POST, so the call reaches authorisation. */
    public HttpResponse<String> send(String method, String path, String token) throws IOException, InterruptedException {
        String contentType = path.endsWith("/artifacts") ? "application/octet-stream" : "application/json";
        HttpRequest.BodyPublisher body = method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody();
        return http.send(request(path, token).header("Content-Type", contentType).method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The reply's JSON, after checking its status. */
    public static JsonObject json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JsonReader.strict().readObject(response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The error code of a reply with this status. */
    public static String error(HttpResponse<String> response, int status) {
        return json(response, status).object("error").orElseThrow().string("code").orElseThrow();
    }

    private HttpRequest.Builder conditional(String path, String token, String ifNoneMatch) {
        HttpRequest.Builder request = request(path, token).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request;
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.get() + path)).timeout(Duration.ofSeconds(90));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
