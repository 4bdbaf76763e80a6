package dev.gait.fleet.api;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.fleet.ingest.ArtifactIndex;
import dev.gait.fleet.ingest.ArtifactVerifier;
import dev.gait.fleet.ingest.Ingested;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.Reply;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Artifact ingest: uploads verified on arrival, then stored and indexed; search over the index. */
final class ArtifactApi {
    static final String ARTIFACTS = "/v1/orgs/{org}/artifacts";
    static final String UPLOAD_TYPE = "application/octet-stream";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final FleetPorts ports;
    private final Clock clock;

    ArtifactApi(FleetPorts ports, Clock clock) {
        this.ports = ports;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(ARTIFACTS, Access.MEMBER, UPLOAD_TYPE,
                        "Upload a runpack, pack, evidence pack or signed trace; verified on arrival, rejected (422) with a reason", this::upload),
                ApiRoute.get(ARTIFACTS, Access.ADMIN,
                        "Search artifacts by ?run_id=, ?digest=, ?verdict=, ?from= and ?to= (RFC 3339 receipt time), ?limit=", this::search));
    }

    private Reply upload(HttpCall call, Principal caller) {
        String org = call.param("org");
        return switch (ArtifactVerifier.verify(call.body(), ports.trustedKeys().of(org))) {
            case Ingested.Rejected rejected -> ApiErrors.envelope(422, "artifact_rejected", rejected.message(),
                    JsonObject.builder().put("reason", rejected.reason().wire()).build());
            case Ingested.Accepted accepted -> {
                ports.artifacts().put(org, accepted, call.body(), clock.instant());
                yield Json.ok(201, "artifact", accepted.toJson());
            }
        };
    }

    private Reply search(HttpCall call, Principal caller) {
        int limit = call.queryParam("limit").map(ArtifactApi::limit).orElse(DEFAULT_LIMIT);
        ArtifactIndex.Query query = new ArtifactIndex.Query(call.queryParam("run_id"), call.queryParam("digest"),
                call.queryParam("verdict"), instant(call, "from"), instant(call, "to"), limit);
        return Json.list("artifacts", ports.artifacts().search(call.param("org"), query).stream()
                .map(entry -> entry.artifact().toJson().toBuilder().put("received_at", entry.receivedAt().toString()).build())
                .toList());
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw GaitException.invalidInput("?limit= must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Optional<Instant> instant(HttpCall call, String name) {
        try {
            return call.queryParam(name).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw GaitException.invalidInput("?" + name + "= must be an RFC 3339 time such as 2026-01-02T03:04:05Z");
        }
    }
}
