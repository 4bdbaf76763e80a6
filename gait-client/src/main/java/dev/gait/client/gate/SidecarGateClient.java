package dev.gait.client.gate;

import dev.gait.client.intent.IntentRequest;
import dev.gait.client.json.Json;
import dev.gait.client.json.JsonFormatException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Decides through the sidecar, {@code POST /v1/gate/evaluate} on {@code gait serve}. Status 200
 * carries a decision; any other status is a failure with the error envelope's code, as is a
 * refused connection, a time-out or an answer that is not JSON.
 */
public final class SidecarGateClient implements GateClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI endpoint;
    private final String bearerToken;
    private final Duration timeout;

    private SidecarGateClient(HttpClient http, URI endpoint, String bearerToken, Duration timeout) {
        this.http = http;
        this.endpoint = endpoint;
        this.bearerToken = bearerToken;
        this.timeout = timeout;
    }

    /** A client of the sidecar at {@code baseUri}, e.g. {@code http://127.0.0.1:8787}. */
    public static SidecarGateClient of(URI baseUri) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build();
        return new SidecarGateClient(http, baseUri.resolve("/v1/gate/evaluate"), null, DEFAULT_TIMEOUT);
    }

    /** Sends {@code Authorization: Bearer <token>} (the sidecar's {@code --auth-token-env}). */
    public SidecarGateClient withBearerToken(String token) {
        return new SidecarGateClient(http, endpoint, Objects.requireNonNull(token, "token"), timeout);
    }

    public SidecarGateClient withTimeout(Duration limit) {
        return new SidecarGateClient(http, endpoint, bearerToken, Objects.requireNonNull(limit, "limit"));
    }

    @Override
    public GateDecision evaluate(IntentRequest intent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(intent.toJson()));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return GateDecision.failure(GateDecision.CLIENT_TIMEOUT, "the sidecar did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return GateDecision.failure(GateDecision.CLIENT_UNAVAILABLE, "cannot reach the sidecar at " + endpoint + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GateDecision.failure(GateDecision.CLIENT_TIMEOUT, "interrupted while waiting for the sidecar");
        }
        Map<String, Object> body;
        try {
            body = Json.readObject(response.body());
        } catch (JsonFormatException e) {
            return GateDecision.failure(GateDecision.CLIENT_INVALID_RESPONSE,
                    "the sidecar answered HTTP " + response.statusCode() + " without a JSON body (" + e.getMessage() + ")");
        }
        GateDecision decision = GateDecision.fromResponse(body);
        if (response.statusCode() != 200 && !decision.isFailure()) {
            return GateDecision.failure(GateDecision.CLIENT_INVALID_RESPONSE,
                    "the sidecar answered HTTP " + response.statusCode() + " with verdict " + decision.verdict());
        }
        return decision;
    }
}
