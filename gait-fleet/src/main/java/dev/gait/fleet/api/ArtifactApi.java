package dev.gait.fleet.api;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.control.ControlPlane;
import dev.gait.fleet.ingest.ArtifactQuery;
import dev.gait.fleet.ingest.Ingested;
import dev.gait.fleet.ingest.IngestedArtifact;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.Reply;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Artifact ingest: uploads verified on arrival, then stored and indexed; search over the index. */
final class ArtifactApi {
    static final String ARTIFACTS = "/v1/orgs/{org}/artifacts";
    static final String UPLOAD_TYPE = "application/octet-stream";
    static final int DEFAULT_LIMIT = 100;

    private final ControlPlane control;

    ArtifactApi(ControlPlane control) {
        this.control = control;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(ARTIFACTS, Access.MEMBER, UPLOAD_TYPE,
                        "Upload a runpack, pack, evidence pack or signed trace; verified on arrival, rejected (422) with a reason", this::upload),
                ApiRoute.get(ARTIFACTS, Access.ADMIN,
                        "Search artifacts by ?run_id=, ?digest=, ?verdict=, ?from= and ?to= (RFC 3339 receipt time), ?limit=", this::search));
    }

    private Reply upload(HttpCall call, Principal caller) {
        return switch (control.ingest(caller, call.body())) {
            case Ingested.Rejected rejected -> ApiErrors.envelope(422, "artifact_rejected", rejected.message(),
                    JsonObject.builder().put("reason", rejected.reason().wire()).build());
            case Ingested.Accepted accepted -> Json.ok(201, "artifact", accepted.toJson());
        };
    }

    private Reply search(HttpCall call, Principal caller) {
        int limit = call.queryParam("limit").map(ArtifactApi::limit).orElse(DEFAULT_LIMIT);
        ArtifactQuery query = new ArtifactQuery(call.queryParam("run_id"), call.queryParam("digest"), call.queryParam("verdict"),
                instant(call, "from"), instant(call, "to"), limit);
        return Json.list("artifacts", control.store().artifactIndex().find(caller, query).stream().map(ArtifactApi::toJson).toList());
    }

    private static JsonObject toJson(IngestedArtifact artifact) {
        return JsonObject.builder()
                .put("digest", artifact.digest())
                .put("kind", artifact.kind().wireName())
                .put("run_id", artifact.runId())
                .put("verdict", artifact.verdict())
                .put("environment_id", artifact.environmentId().orElse(""))
                .put("uploaded_by", artifact.uploadedBy())
                .put("size_bytes", artifact.sizeBytes())
                .put("received_at", Instant.ofEpochMilli(artifact.ingestedAtMillis()).toString())
                .build();
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= ArtifactQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw GaitException.invalidInput("?limit= must be a whole number from 1 to " + ArtifactQuery.MAX_LIMIT);
    }

    private static Optional<Long> instant(HttpCall call, String name) {
        try {
            return call.queryParam(name).map(text -> Instant.parse(text).toEpochMilli());
        } catch (DateTimeParseException e) {
            throw GaitException.invalidInput("?" + name + "= must be an RFC 3339 time such as 2026-01-02T03:04:05Z");
        }
    }
}
