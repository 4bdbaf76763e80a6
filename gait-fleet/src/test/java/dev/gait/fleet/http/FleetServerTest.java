package dev.gait.fleet.http;

import static dev.gait.fleet.FleetClient.error;
import static dev.gait.fleet.FleetClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.fleet.FleetClient;
import dev.gait.core.bundle.FleetRelease;
import dev.gait.core.bundle.PolicyContent;
import dev.gait.core.sign.LocalSigner;
import dev.gait.fleet.FleetStorage;
import dev.gait.fleet.audit.AuditVerifier;
import dev.gait.fleet.config.FleetConfig;
import dev.gait.fleet.control.ControlPlane;
import dev.gait.fleet.control.ControlPlaneKey;
import dev.gait.fleet.tenancy.Bootstrap;
import dev.gait.fleet.ingest.Artifacts;
import dev.gait.serve.http.Router;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
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
import org.junit.jupiter.api.io.TempDir;

/** The control plane over real HTTP on loopback, on a real SQLite store in a temporary directory. */
class FleetServerTest {
    private static final String V1 = "default_verdict: block\n";
    private static final String V2 = """
            default_verdict: block
            rules:
              - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [tool.read]}}
            """;

    private final FleetClient client = new FleetClient(() -> this.server.url());
    @TempDir
    Path dataDir;
    private FleetStorage storage;
    private ControlPlane control;
    private FleetServer server;
    private String acme;
    private String admin;
    private String otherAdmin;
    private String globex;
    private String prodPoint;
    private String prod;
    private String dev;
    private String prodMachine;
    private String devMachine;

    @BeforeEach
    void start() throws Exception {
        storage = FleetStorage.open(new FleetConfig(dataDir, Optional.empty(), Optional.empty()), Clock.systemUTC());
        Bootstrap first = storage.store().tenancy().bootstrap("acme", "admin@acme.example");
        acme = first.organization().id();
        admin = first.adminToken().token();
        Bootstrap second = storage.store().tenancy().bootstrap("globex", "admin@globex.example");
        globex = second.organization().id();
        otherAdmin = second.adminToken().token();
        control = new ControlPlane(storage.store(), storage.artifacts(), ControlPlaneKey.loadOrCreate(dataDir),
                List.of(Artifacts.KEY.publicKey()), Clock.systemUTC());
        server = FleetServer.start(FleetOptions.defaults().withListen("127.0.0.1", 0), control);
        prod = environment(acme, admin, "prod");
        dev = environment(acme, admin, "dev");
        JsonObject prodPointJson = point(register(prod, "{\"name\":\"sidecar-a\",\"labels\":{\"ring\":\"canary\"}}"));
        prodPoint = prodPointJson.string("id").orElseThrow();
        prodMachine = prodPointJson.string("token").orElseThrow();
        devMachine = token(register(dev, "{\"name\":\"sidecar-b\"}"));
    }

    @AfterEach
    void stop() {
        server.close();
        storage.close();
    }

    @Test
    void a_bundle_answers_with_its_etag_and_304_when_the_point_already_has_it() throws Exception {
        String release = publish(V1);
        json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/promotions", admin, "{\"release_digest\":\"" + release + "\"}"), 201);

        HttpResponse<String> first = client.get("/v1/environments/" + prod + "/bundle", prodMachine, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains(release);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = client.get("/v1/environments/" + prod + "/bundle", prodMachine, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        assertThat(again.body()).isEmpty();
        assertThat(client.get("/v1/environments/" + prod + "/bundle", prodMachine, "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void a_long_poll_returns_the_new_bundle_once_a_promotion_publishes_it_and_leaves_other_environments_alone() throws Exception {
        String v1 = publish(V1);
        String v2 = publish(V2);
        json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/promotions", admin, "{\"release_digest\":\"" + v1 + "\"}"), 201);
        json(client.post("/v1/orgs/" + acme + "/environments/" + dev + "/promotions", admin, "{\"release_digest\":\"" + v1 + "\"}"), 201);
        String prodTag = client.get("/v1/environments/" + prod + "/bundle", prodMachine, null).headers().firstValue("ETag").orElseThrow();
        String devTag = client.get("/v1/environments/" + dev + "/bundle", devMachine, null).headers().firstValue("ETag").orElseThrow();

        CompletableFuture<HttpResponse<String>> prodPoll = client.getAsync("/v1/environments/" + prod + "/bundle?wait=60s", prodMachine, prodTag);
        CompletableFuture<HttpResponse<String>> devPoll = client.getAsync("/v1/environments/" + dev + "/bundle?wait=1s", devMachine, devTag);
        awaitWaiters(2);
        assertThat(prodPoll).isNotDone();

        json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/promotions", admin, "{\"release_digest\":\"" + v2 + "\"}"), 201);

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
        String v1 = publish(V1);
        json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/promotions", admin, "{\"release_digest\":\"" + v1 + "\"}"), 201);
        String etag = client.get("/v1/environments/" + prod + "/bundle", prodMachine, null).headers().firstValue("ETag").orElseThrow();

        server.close();
        server = FleetServer.start(FleetOptions.defaults().withListen("127.0.0.1", 0), control);

        assertThat(client.get("/v1/environments/" + prod + "/bundle", prodMachine, etag).statusCode()).isEqualTo(304);
        assertThat(client.get("/v1/environments/" + dev + "/bundle", devMachine, null).statusCode()).isEqualTo(404);
    }

    @Test
    void a_wait_that_expires_answers_304_and_a_point_without_a_bundle_gets_no_bundle() throws Exception {
        HttpResponse<String> none = client.get("/v1/environments/" + prod + "/bundle", prodMachine, null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(json(none, 404).object("error").orElseThrow().string("code")).contains("no_bundle");

        String v1 = publish(V1);
        json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/promotions", admin, "{\"release_digest\":\"" + v1 + "\"}"), 201);
        String tag = client.get("/v1/environments/" + prod + "/bundle", prodMachine, null).headers().firstValue("ETag").orElseThrow();
        assertThat(client.get("/v1/environments/" + prod + "/bundle?wait=200ms", prodMachine, tag).statusCode()).isEqualTo(304);
        assertThat(error(client.get("/v1/environments/" + prod + "/bundle?wait=61s", prodMachine, tag), 400)).isEqualTo("invalid_input");
        assertThat(error(client.get("/v1/environments/" + prod + "/bundle?wait=soon", prodMachine, tag), 400)).isEqualTo("invalid_input");
    }

    @Test
    void a_canary_by_label_reaches_the_labelled_point_and_rollback_returns_it() throws Exception {
        String v1 = publish(V1);
        String v2 = publish(V2);
        String other = token(register(prod, "{\"name\":\"sidecar-c\"}"));
        json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/promotions", admin, "{\"release_digest\":\"" + v1 + "\"}"), 201);
        JsonObject staged = json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/promotions", admin,
                "{\"release_digest\":\"" + v2 + "\",\"rollout\":{\"labels\":{\"ring\":\"canary\"}}}"), 201);
        assertThat(staged.object("promotion").orElseThrow().string("release_digest")).contains(v2);
        assertThat(json(client.get("/v1/orgs/" + acme + "/environments/" + prod + "/rollout", admin, null), 200).array("in_force").orElseThrow()
                .elements()).hasSize(2);

        assertThat(client.get("/v1/environments/" + prod + "/bundle", prodMachine, null).body()).contains(v2);
        assertThat(client.get("/v1/environments/" + prod + "/bundle", other, null).body()).contains(v1);

        JsonObject cancelled = json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/rollback", admin, "{}"), 201);
        assertThat(cancelled.object("promotion").orElseThrow().string("action")).contains("rollback");
        assertThat(client.get("/v1/environments/" + prod + "/bundle", prodMachine, null).body()).contains(v1).contains("\"rollback\":true");

        json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/promotions", admin, "{\"release_digest\":\"" + v2 + "\"}"), 201);
        json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/rollback", admin, "{}"), 201);
        assertThat(client.get("/v1/environments/" + prod + "/bundle", other, null).body()).contains(v1);
        String audit = client.get("/v1/orgs/" + acme + "/audit/export", admin, null).body();
        assertThat(audit).contains("release.publish").contains("\"sequence\":5");
    }

    @Test
    void a_revoked_machine_credential_authenticates_nobody_and_the_audit_export_verifies_against_its_head() throws Exception {
        JsonObject point = point(register(prod, "{\"name\":\"sidecar-revoked\"}"));
        String token = point.string("token").orElseThrow();
        assertThat(client.get("/v1/environments/" + prod + "/bundle", token, null).statusCode()).isEqualTo(404);
        String credential = point.string("credential_id").orElseThrow();
        assertThat(client.get("/v1/orgs/" + acme + "/credentials", admin, null).body()).contains(credential);

        json(client.post("/v1/orgs/" + acme + "/credentials/" + credential + "/revoke", admin, "{}"), 200);
        assertThat(error(client.get("/v1/environments/" + prod + "/bundle", token, null), 401)).isEqualTo("unauthorized");
        assertThat(error(client.post("/v1/orgs/" + globex + "/credentials/" + credential + "/revoke", otherAdmin, "{}"), 404))
                .isEqualTo("not_found");

        String export = client.get("/v1/orgs/" + acme + "/audit/export", admin, null).body();
        JsonObject head = json(client.get("/v1/orgs/" + acme + "/audit/head", admin, null), 200).object("head").orElseThrow();
        AuditVerifier.Result verified = AuditVerifier.verify(new StringReader(export), head.string("hash"));
        assertThat(verified.problems()).isEmpty();
        assertThat(export).contains("credential.revoke").contains("environment.create");
        assertThat(AuditVerifier.verify(new StringReader(export.replace("sidecar-revoked", "sidecar-renamed")), head.string("hash")).intact())
                .isFalse();
    }

    @Test
    void releases_are_signed_by_the_control_plane_or_verified_when_signed_elsewhere_and_bad_ones_are_refused() throws Exception {
        String digest = publish(V1);
        byte[] document = client.get("/v1/orgs/" + acme + "/releases/" + digest, admin, null).body().getBytes(StandardCharsets.UTF_8);
        FleetRelease.Verified verified = FleetRelease.verify(document, List.of(ControlPlaneKey.loadOrCreate(dataDir).publicKey()));
        assertThat(verified.digest()).isEqualTo(digest);
        assertThat(verified.provenance().author()).startsWith("user:");
        String releases = "/v1/orgs/" + acme + "/releases";
        assertThat(json(client.post(releases, admin, new String(document, StandardCharsets.UTF_8)), 200).object("release").orElseThrow()
                .string("release_digest")).contains(digest);
        String request = Jcs.canonicalString(JsonObject.builder().put("policy_yaml", V2).put("source", "git:test").build());
        json(client.post(releases + "?name=base&version=1.0.0", admin, request), 201);
        assertThat(error(client.post(releases + "?name=base&version=1.0.0", admin, request), 409)).isEqualTo("conflict");

        assertThat(error(client.post(releases, admin, "{\"policy_yaml\":\"" + "default_verdict: block\\n" + "\",\"policy\":1}"), 400))
                .isEqualTo("invalid_input");
        assertThat(error(client.post(releases, admin, "{\"policy_yaml\":\"default_verdict: maybe\\n\"}"), 400)).isEqualTo("invalid_input");
        PolicyContent content = PolicyContent.of(V2, List.of(), null);
        FleetRelease.Provenance provenance = new FleetRelease.Provenance("ci@acme.example", "git:def", OffsetDateTime.parse("2026-11-24T06:00:00Z"));
        byte[] rogue = FleetRelease.sign(content, provenance, new LocalSigner(Artifacts.OTHER_KEY));
        assertThat(error(client.post(releases, admin, new String(rogue, StandardCharsets.UTF_8)), 400)).isEqualTo("invalid_input");
        byte[] trusted = FleetRelease.sign(content, provenance, new LocalSigner(Artifacts.KEY));
        String kept = json(client.post(releases + "?name=ci&version=2.0.0", admin, new String(trusted, StandardCharsets.UTF_8)), 201)
                .object("release").orElseThrow().string("release_digest").orElseThrow();
        assertThat(client.get(releases + "/" + kept, admin, null).body().getBytes(StandardCharsets.UTF_8)).isEqualTo(trusted);
        assertThat(json(client.get(releases + "/" + kept + "/diff?against=" + digest, admin, null), 200).object("diff").orElseThrow()
                .get("policy_changed")).contains(JsonBoolean.TRUE);
    }

    @Test
    void posture_shows_current_drifted_and_never_reported_points_from_status_reports() throws Exception {
        String v1 = publish(V1);
        register(prod, "{\"name\":\"sidecar-silent\"}");
        JsonObject drifted = point(register(prod, "{\"name\":\"sidecar-old\"}"));
        json(client.post("/v1/orgs/" + acme + "/environments/" + prod + "/promotions", admin, "{\"release_digest\":\"" + v1 + "\"}"), 201);
        String digest = client.get("/v1/environments/" + prod + "/bundle", prodMachine, null).headers().firstValue("ETag").orElseThrow().replace("\"", "");

        assertThat(client.post(status(prodPoint), prodMachine,
                "{\"bundle_digest\":\"" + digest + "\",\"bundle_sequence\":1,\"decisions\":{\"allow\":7,\"block\":2}}").statusCode()).isEqualTo(202);
        String driftedToken = drifted.string("token").orElseThrow();
        String driftedPath = status(drifted.string("id").orElseThrow());
        assertThat(client.post(driftedPath, driftedToken, "{\"bundle_digest\":\"" + "0".repeat(64) + "\"}").statusCode()).isEqualTo(202);
        assertThat(error(client.post(driftedPath, driftedToken, "{\"decisions\":{\"allow\":-1}}"), 400)).isEqualTo("invalid_input");
        assertThat(error(client.post(status(prodPoint), driftedToken, "{}"), 403)).isEqualTo("forbidden");

        JsonObject posture = json(client.get("/v1/orgs/" + acme + "/environments/" + prod + "/posture", admin, null), 200);
        JsonObject summary = posture.object("summary").orElseThrow();
        assertThat(number(summary, "current")).isEqualTo(1);
        assertThat(number(summary, "drifted")).isEqualTo(1);
        assertThat(number(summary, "never_reported")).isEqualTo(1);
        JsonObject current = (JsonObject) posture.array("points").orElseThrow().elements().stream()
                .filter(p -> ((JsonObject) p).string("name").orElse("").equals("sidecar-a")).findFirst().orElseThrow();
        assertThat(number(current.object("decisions").orElseThrow(), "block")).isEqualTo(2);
    }

    @Test
    void without_a_known_token_every_non_public_route_answers_401_in_the_error_envelope() throws Exception {
        for (Router.Declared route : server.routes()) {
            String path = path(route.template());
            if (Set.of("/healthz", "/readyz", "/metrics", FleetServer.OPENAPI).contains(path)) {
                continue;
            }
            for (String token : new String[] {null, "wrong"}) {
                HttpResponse<String> reply = client.send(route.method(), path, token);
                assertThat(reply.statusCode()).as(route.method() + " " + path).isEqualTo(401);
                assertThat(json(reply, 401).get("ok")).isEqualTo(Optional.of(JsonBoolean.FALSE));
                assertThat(reply.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            }
        }
    }

    @Test
    void no_credential_reaches_another_organisation_or_environment() throws Exception {
        String globexProd = environment(globex, otherAdmin, "prod");
        String globexMachine = token(client.post("/v1/orgs/" + globex + "/environments/" + globexProd + "/points", otherAdmin, "{\"name\":\"g1\"}"));
        for (Router.Declared route : server.routes()) {
            String path = path(route.template());
            if (!route.template().contains("{")) {
                continue;
            }
            boolean organisationWide = route.template().equals("/v1/orgs/{org}/artifacts") && route.method().equals("POST");
            for (String token : organisationWide ? List.of(otherAdmin, globexMachine) : List.of(otherAdmin, globexMachine, devMachine)) {
                HttpResponse<String> reply = client.send(route.method(), path, token);
                assertThat(reply.statusCode()).as(route.method() + " " + path + " as " + token).isEqualTo(403);
                assertThat(error(reply, 403)).isEqualTo("forbidden");
            }
        }
        assertThat(error(client.get("/v1/orgs/" + acme + "/environments/" + globexProd + "/points", admin, null), 404)).isEqualTo("not_found");
    }

    @Test
    void the_openapi_document_lists_exactly_the_routes_the_server_dispatches() throws Exception {
        JsonObject document = json(client.get(FleetServer.OPENAPI, null, null), 200);
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
        assertThat(json(upload(Artifacts.unsignedRunpack(), admin), 422).object("error").orElseThrow().string("reason")).contains("unsigned");
        assertThat(json(client.get("/v1/orgs/" + acme + "/artifacts?run_id=run_demo", admin, null), 200).array("artifacts").orElseThrow().elements()).isEmpty();

        JsonObject accepted = json(upload(Artifacts.signedRunpack(), prodMachine), 201).object("artifact").orElseThrow();
        assertThat(accepted.string("run_id")).contains("run_demo");

        List<JsonValue> found = json(client.get("/v1/orgs/" + acme + "/artifacts?run_id=run_demo", admin, null), 200).array("artifacts").orElseThrow().elements();
        assertThat(found).hasSize(1);
        assertThat(((JsonObject) found.getFirst()).string("digest")).isEqualTo(accepted.string("digest"));
        assertThat(json(client.get("/v1/orgs/" + acme + "/artifacts?run_id=other", admin, null), 200).array("artifacts").orElseThrow().elements()).isEmpty();
        assertThat(error(client.get("/v1/orgs/" + globex + "/artifacts?run_id=run_demo", admin, null), 403)).isEqualTo("forbidden");
        assertThat(json(client.get("/v1/orgs/" + globex + "/artifacts?run_id=run_demo", otherAdmin, null), 200).array("artifacts").orElseThrow()
                .elements()).isEmpty();
    }

    @Test
    void readiness_follows_the_store_and_metrics_count_requests_by_route_and_status() throws Exception {
        assertThat(client.get("/readyz", null, null).statusCode()).isEqualTo(200);
        storage.store().close();
        assertThat(error(client.get("/readyz", null, null), 503)).isEqualTo("not_ready");
        assertThat(client.get("/healthz", null, null).statusCode()).isEqualTo(200);

        String metrics = client.get("/metrics", null, null).body();
        assertThat(metrics).contains("gait_fleet_requests_total{route=\"/v1/orgs/{org}/environments/{env}/points\",status=\"201\"} 2");
        assertThat(metrics).contains("gait_fleet_requests_total{route=\"/readyz\",status=\"503\"} 1");
        assertThat(metrics).contains("gait_fleet_bundle_waiters 0");
        assertThat(error(client.send("DELETE", "/v1/orgs/" + acme + "/releases", "any"), 405)).isEqualTo("method_not_allowed");
        assertThat(error(client.get("/v1/nothing", null, null), 404)).isEqualTo("not_found");
    }

    // --- requests and replies ---

    private String publish(String policyYaml) throws Exception {
        String request = Jcs.canonicalString(JsonObject.builder().put("policy_yaml", policyYaml).put("source", "git:test").build());
        return json(client.post("/v1/orgs/" + acme + "/releases", admin, request), 201).object("release").orElseThrow().string("release_digest").orElseThrow();
    }

    private String environment(String org, String token, String name) throws Exception {
        return json(client.post("/v1/orgs/" + org + "/environments", token, "{\"name\":\"" + name + "\"}"), 201)
                .object("environment").orElseThrow().string("id").orElseThrow();
    }

    private HttpResponse<String> register(String environment, String body) throws Exception {
        return client.post("/v1/orgs/" + acme + "/environments/" + environment + "/points", admin, body);
    }

    private static String status(String pointId) {
        return "/v1/enforcement-points/" + pointId + "/status";
    }

    /** A route's template with this test's organisation, environment, point and a release digest. */
    private String path(String template) {
        return template.replace("{org}", acme).replace("{env}", prod).replace("{point}", prodPoint).replace("{release}", "0".repeat(64))
                .replace("{credential}", "cred_000000000000000000000000");
    }

    private void awaitWaiters(int count) throws InterruptedException {
        while (server.distribution().waiting() < count) {
            Thread.sleep(5);
        }
    }

    private HttpResponse<String> upload(byte[] artifact, String token) throws IOException, InterruptedException {
        return client.upload("/v1/orgs/" + acme + "/artifacts", token, artifact);
    }

    private static JsonObject point(HttpResponse<String> registered) {
        return json(registered, 201).object("point").orElseThrow();
    }

    private static String token(HttpResponse<String> registered) {
        return point(registered).string("token").orElseThrow();
    }

    private static double number(JsonObject json, String member) {
        return ((JsonNumber) json.get(member).orElseThrow()).value();
    }
}
