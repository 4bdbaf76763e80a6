package dev.gait.fleet.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.fleet.InMemoryFleet;
import dev.gait.fleet.ingest.Artifacts;
import dev.gait.serve.http.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control plane over real HTTP on loopback, with its ports held in memory. */
class FleetServerTest {
    private static final String ADMIN = "admin-token-acme";
    private static final String OTHER_ADMIN = "admin-token-globex";

    private final HttpClient http = HttpClient.newHttpClient();
    private InMemoryFleet fleet;
    private FleetServer server;
    private String prod;
    private String dev;
    private String prodMachine;
    private String devMachine;

    @BeforeEach
    void start() throws Exception {
        fleet = new InMemoryFleet().admin(ADMIN, "acme").admin(OTHER_ADMIN, "globex").trust("acme", Artifacts.KEY.publicKey());
        server = FleetServer.start(FleetOptions.defaults().withListen("127.0.0.1", 0), fleet.ports());
        prod = json(post("/v1/orgs/acme/environments", ADMIN, "{\"name\":\"prod\"}"), 201).object("environment").orElseThrow().string("id").orElseThrow();
        dev = json(post("/v1/orgs/acme/environments", ADMIN, "{\"name\":\"dev\"}"), 201).object("environment").orElseThrow().string("id").orElseThrow();
        prodMachine = token(post("/v1/orgs/acme/environments/" + prod + "/points", ADMIN, "{\"point_id\":\"sidecar-a\",\"labels\":{\"ring\":\"canary\"}}"));
        devMachine = token(post("/v1/orgs/acme/environments/" + dev + "/points", ADMIN, "{\"point_id\":\"sidecar-b\"}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_bundle_answers_with_its_etag_and_304_when_the_point_already_has_it() throws Exception {
        String release = publish("{\"policy\":\"v1\"}");
        json(post("/v1/orgs/acme/environments/" + prod + "/promotions", ADMIN, "{\"release_digest\":\"" + release + "\"}"), 200);

        HttpResponse<String> first = get("/v1/environments/" + prod + "/bundle", prodMachine, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(release);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/v1/environments/" + prod + "/bundle", prodMachine, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        assertThat(again.body()).isEmpty();
        assertThat(get("/v1/environments/" + prod + "/bundle", prodMachine, "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void a_long_poll_returns_the_new_bundle_once_a_promotion_publishes_it_and_leaves_other_environments_alone() throws Exception {
        String v1 = publish("{\"policy\":\"v1\"}");
        String v2 = publish("{\"policy\":\"v2\"}");
        json(post("/v1/orgs/acme/environments/" + prod + "/promotions", ADMIN, "{\"release_digest\":\"" + v1 + "\"}"), 200);
        json(post("/v1/orgs/acme/environments/" + dev + "/promotions", ADMIN, "{\"release_digest\":\"" + v1 + "\"}"), 200);
        String prodTag = get("/v1/environments/" + prod + "/bundle", prodMachine, null).headers().firstValue("ETag").orElseThrow();
        String devTag = get("/v1/environments/" + dev + "/bundle", devMachine, null).headers().firstValue("ETag").orElseThrow();

        CompletableFuture<HttpResponse<String>> prodPoll = getAsync("/v1/environments/" + prod + "/bundle?wait=60s", prodMachine, prodTag);
        CompletableFuture<HttpResponse<String>> devPoll = getAsync("/v1/environments/" + dev + "/bundle?wait=1s", devMachine, devTag);
        awaitWaiters(2);
        assertThat(prodPoll).isNotDone();

        json(post("/v1/orgs/acme/environments/" + prod + "/promotions", ADMIN, "{\"release_digest\":\"" + v2 + "\"}"), 200);

        HttpResponse<String> changed = prodPoll.get(30, TimeUnit.SECONDS);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains(v2);
        assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(Optional.of(prodTag));
        HttpResponse<String> unchanged = devPoll.get(30, TimeUnit.SECONDS);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.headers().firstValue("ETag")).contains(devTag);
    }

    @Test
    void a_restarted_server_serves_the_persisted_rollout_with_the_same_etag() throws Exception {
        String v1 = publish("{\"policy\":\"v1\"}");
        json(post("/v1/orgs/acme/environments/" + prod + "/promotions", ADMIN, "{\"release_digest\":\"" + v1 + "\"}"), 200);
        String etag = get("/v1/environments/" + prod + "/bundle", prodMachine, null).headers().firstValue("ETag").orElseThrow();

        server.close();
        server = FleetServer.start(FleetOptions.defaults().withListen("127.0.0.1", 0), fleet.ports());

        assertThat(get("/v1/environments/" + prod + "/bundle", prodMachine, etag).statusCode()).isEqualTo(304);
        assertThat(get("/v1/environments/" + dev + "/bundle", devMachine, null).statusCode()).isEqualTo(404);
    }

    @Test
    void a_wait_that_expires_answers_304_and_a_point_without_a_bundle_gets_no_bundle() throws Exception {
        HttpResponse<String> none = get("/v1/environments/" + prod + "/bundle", prodMachine, null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none, 404).object("error").orElseThrow().string("code")).contains("no_bundle");

        String v1 = publish("{\"policy\":\"v1\"}");
        json(post("/v1/orgs/acme/environments/" + prod + "/promotions", ADMIN, "{\"release_digest\":\"" + v1 + "\"}"), 200);
        String tag = get("/v1/environments/" + prod + "/bundle", prodMachine, null).headers().firstValue("ETag").orElseThrow();
        assertThat(get("/v1/environments/" + prod + "/bundle?wait=200ms", prodMachine, tag).statusCode()).isEqualTo(304);
        assertThat(error(get("/v1/environments/" + prod + "/bundle?wait=61s", prodMachine, tag), 400)).isEqualTo("invalid_input");
        assertThat(error(get("/v1/environments/" + prod + "/bundle?wait=soon", prodMachine, tag), 400)).isEqualTo("invalid_input");
    }

    @Test
    void a_canary_by_label_reaches_the_labelled_point_and_rollback_returns_it() throws Exception {
        String v1 = publish("{\"policy\":\"v1\"}");
        String v2 = publish("{\"policy\":\"v2\"}");
        String other = token(post("/v1/orgs/acme/environments/" + prod + "/points", ADMIN, "{\"point_id\":\"sidecar-c\"}"));
        json(post("/v1/orgs/acme/environments/" + prod + "/promotions", ADMIN, "{\"release_digest\":\"" + v1 + "\"}"), 200);
        JsonObject staged = json(post("/v1/orgs/acme/environments/" + prod + "/promotions", ADMIN,
                "{\"release_digest\":\"" + v2 + "\",\"canary\":{\"labels\":{\"ring\":\"canary\"}}}"), 200);
        assertThat(staged.object("rollout").orElseThrow().string("canary")).contains(v2);

        assertThat(get("/v1/environments/" + prod + "/bundle", prodMachine, null).body()).contains(v2);
        assertThat(get("/v1/environments/" + prod + "/bundle", other, null).body()).contains(v1);

        json(post("/v1/orgs/acme/environments/" + prod + "/rollback", ADMIN, "{}"), 200);
        assertThat(get("/v1/environments/" + prod + "/bundle", prodMachine, null).body()).contains(v1);
        assertThat(error(post("/v1/orgs/acme/environments/" + prod + "/rollback", ADMIN, "{}"), 400)).isEqualTo("invalid_input");
        assertThat(fleet.auditActions()).contains("acme stage " + prod + " " + v1, "acme rollback " + prod + " " + v1);
    }

    @Test
    void posture_shows_current_drifted_and_never_reported_points_from_status_reports() throws Exception {
        String v1 = publish("{\"policy\":\"v1\"}");
        token(post("/v1/orgs/acme/environments/" + prod + "/points", ADMIN, "{\"point_id\":\"sidecar-silent\"}"));
        String drifted = token(post("/v1/orgs/acme/environments/" + prod + "/points", ADMIN, "{\"point_id\":\"sidecar-old\"}"));
        json(post("/v1/orgs/acme/environments/" + prod + "/promotions", ADMIN, "{\"release_digest\":\"" + v1 + "\"}"), 200);
        String digest = get("/v1/environments/" + prod + "/bundle", prodMachine, null).headers().firstValue("ETag").orElseThrow().replace("\"", "");

        assertThat(post("/v1/environments/" + prod + "/status", prodMachine,
                "{\"active_bundle_digest\":\"" + digest + "\",\"decisions\":{\"allow\":7,\"block\":2}}").statusCode()).isEqualTo(202);
        assertThat(post("/v1/environments/" + prod + "/status", drifted, "{\"active_bundle_digest\":\"" + "0".repeat(64) + "\"}").statusCode())
                .isEqualTo(202);
        assertThat(error(post("/v1/environments/" + prod + "/status", drifted, "{\"decisions\":{\"allow\":-1}}"), 400)).isEqualTo("invalid_input");

        JsonObject posture = json(get("/v1/orgs/acme/environments/" + prod + "/posture", ADMIN, null), 200);
        JsonObject summary = posture.object("summary").orElseThrow();
        assertThat(number(summary, "current")).isEqualTo(1);
        assertThat(number(summary, "drifted")).isEqualTo(1);
        assertThat(number(summary, "never_reported")).isEqualTo(1);
        JsonObject current = (JsonObject) posture.array("points").orElseThrow().elements().stream()
                .filter(p -> ((JsonObject) p).string("point_id").orElse("").equals("sidecar-a")).findFirst().orElseThrow();
        assertThat(number(current.object("decisions").orElseThrow(), "block")).isEqualTo(2);
    }

    @Test
    void without_a_known_token_every_non_public_route_answers_401_in_the_error_envelope() throws Exception {
        for (Router.Declared route : server.routes()) {
            String path = route.template().replace("{org}", "acme").replace("{env}", prod).replace("{release}", "0".repeat(64));
            if (Set.of("/healthz", "/readyz", "/metrics", FleetServer.OPENAPI).contains(path)) {
                continue;
            }
            for (String token : new String[] {null, "wrong"}) {
                HttpResponse<String> reply = send(route.method(), path, token);
                assertThat(reply.statusCode()).as(route.method() + " " + path).isEqualTo(401);
                assertThat(json(reply, 401).get("ok")).isEqualTo(Optional.of(JsonBoolean.FALSE));
                assertThat(reply.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            }
        }
    }

    @Test
    void no_credential_reaches_another_organisation_or_environment() throws Exception {
        String globexProd = json(post("/v1/orgs/globex/environments", OTHER_ADMIN, "{\"name\":\"prod\"}"), 201)
                .object("environment").orElseThrow().string("id").orElseThrow();
        String globexMachine = token(post("/v1/orgs/globex/environments/" + globexProd + "/points", OTHER_ADMIN, "{\"point_id\":\"g1\"}"));
        for (Router.Declared route : server.routes()) {
            String path = route.template().replace("{org}", "acme").replace("{env}", prod).replace("{release}", "0".repeat(64));
            if (!route.template().contains("{")) {
                continue;
            }
            boolean organisationWide = route.template().equals("/v1/orgs/{org}/artifacts") && route.method().equals("POST");
            for (String token : organisationWide ? List.of(OTHER_ADMIN, globexMachine) : List.of(OTHER_ADMIN, globexMachine, devMachine)) {
                HttpResponse<String> reply = send(route.method(), path, token);
                assertThat(reply.statusCode()).as(route.method() + " " + path + " as " + token).isEqualTo(403);
                assertThat(error(reply, 403)).isEqualTo("forbidden");
            }
        }
        assertThat(error(get("/v1/orgs/acme/environments/" + globexProd + "/points", ADMIN, null), 404)).isEqualTo("not_found");
    }

    @Test
    void the_openapi_document_lists_exactly_the_routes_the_server_dispatches() throws Exception {
        JsonObject document = json(get(FleetServer.OPENAPI, null, null), 200);
        assertThat(document.string("openapi")).contains("3.1.0");
        Set<String> documented = new HashSet<>();
        document.object("paths").orElseThrow().members().forEach((path, operations) ->
                ((JsonObject) operations).members().keySet().forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        Set<String> served = new HashSet<>();
        server.routes().forEach(route -> served.add(route.method() + " " + route.template()));

        assertThat(documented).isEqualTo(served);
        assertThat(served).contains("GET /v1/environments/{env}/bundle", "POST /v1/orgs/{org}/artifacts", "GET /metrics");
    }

    @Test
    void an_uploaded_runpack_is_verified_then_found_by_run_id_and_a_tampered_or_unsigned_one_is_refused() throws Exception {
        HttpResponse<String> tampered = upload(Artifacts.tamperedRunpack(), prodMachine);
        assertThat(error(tampered, 422)).isEqualTo("artifact_rejected");
        assertThat(json(tampered, 422).object("error").orElseThrow().string("reason")).contains("tampered");
        assertThat(json(upload(Artifacts.unsignedRunpack(), ADMIN), 422).object("error").orElseThrow().string("reason")).contains("unsigned");
        assertThat(json(get("/v1/orgs/acme/artifacts?run_id=run_demo", ADMIN, null), 200).array("artifacts").orElseThrow().elements()).isEmpty();

        JsonObject accepted = json(upload(Artifacts.signedRunpack(), prodMachine), 201).object("artifact").orElseThrow();
        assertThat(accepted.string("run_id")).contains("run_demo");

        List<JsonValue> found = json(get("/v1/orgs/acme/artifacts?run_id=run_demo", ADMIN, null), 200).array("artifacts").orElseThrow().elements();
        assertThat(found).hasSize(1);
        assertThat(((JsonObject) found.getFirst()).string("digest")).isEqualTo(accepted.string("digest"));
        assertThat(json(get("/v1/orgs/acme/artifacts?run_id=other", ADMIN, null), 200).array("artifacts").orElseThrow().elements()).isEmpty();
        assertThat(error(get("/v1/orgs/globex/artifacts?run_id=run_demo", ADMIN, null), 403)).isEqualTo("forbidden");
    }

    @Test
    void readiness_follows_the_store_and_metrics_count_requests_by_route_and_status() throws Exception {
        assertThat(get("/readyz", null, null).statusCode()).isEqualTo(200);
        fleet.ready.set(false);
        assertThat(error(get("/readyz", null, null), 503)).isEqualTo("not_ready");
        assertThat(get("/healthz", null, null).statusCode()).isEqualTo(200);

        get("/v1/environments/" + prod + "/bundle", prodMachine, null);
        String metrics = get("/metrics", null, null).body();
        assertThat(metrics).contains("gait_fleet_requests_total{route=\"/v1/environments/{env}/bundle\",status=\"404\"} 1");
        assertThat(metrics).contains("gait_fleet_requests_total{route=\"/readyz\",status=\"503\"} 1");
        assertThat(metrics).contains("gait_fleet_bundle_waiters 0");
        assertThat(error(send("DELETE", "/v1/orgs/acme/releases", ADMIN), 405)).isEqualTo("method_not_allowed");
        assertThat(error(get("/v1/nothing", ADMIN, null), 404)).isEqualTo("not_found");
    }

    // --- requests and replies ---

    private String publish(String document) throws Exception {
        return json(post("/v1/orgs/acme/releases", ADMIN, document), 201).object("release").orElseThrow().string("release_digest").orElseThrow();
    }

    private void awaitWaiters(int count) throws InterruptedException {
        while (server.distribution().waiting() < count) {
            Thread.sleep(5);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpResponse<String> get(String path, String token, String ifNoneMatch) throws IOException, InterruptedException {
        return http.send(conditional(path, token, ifNoneMatch).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path, String token, String ifNoneMatch) {
        return http.sendAsync(conditional(path, token, ifNoneMatch).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder conditional(String path, String token, String ifNoneMatch) {
        HttpRequest.Builder request = request(path, token).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request;
    }

    private HttpResponse<String> post(String path, String token, String body) throws IOException, InterruptedException {
        return http.send(request(path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(byte[] artifact, String token) throws IOException, InterruptedException {
        return http.send(request("/v1/orgs/acme/artifacts", token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(artifact)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any method, with a JSON body for POST, so the call reaches authorisation. */
    private HttpResponse<String> send(String method, String path, String token) throws IOException, InterruptedException {
        String contentType = path.endsWith("/artifacts") ? "application/octet-stream" : "application/json";
        HttpRequest.BodyPublisher body = method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody();
        return http.send(request(path, token).header("Content-Type", contentType).method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(HttpResponse<String> registered) {
        return json(registered, 201).object("point").orElseThrow().string("token").orElseThrow();
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JsonReader.strict().readObject(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String error(HttpResponse<String> response, int status) {
        return json(response, status).object("error").orElseThrow().string("code").orElseThrow();
    }

    private static double number(JsonObject json, String member) {
        return ((JsonNumber) json.get(member).orElseThrow()).value();
    }
}
