package dev.gait.fleet.api;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.control.ControlPlane;
import dev.gait.fleet.registry.Publication;
import dev.gait.fleet.registry.Release;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.HttpError;
import dev.gait.serve.http.Reply;
import dev.gait.serve.http.Router;
import java.util.List;
import java.util.Map;

/** The release registry: publish, list, get and diff signed releases. */
final class RegistryApi {
    static final String RELEASES = "/v1/orgs/{org}/releases";
    static final String RELEASE = RELEASES + "/{release}";
    static final String DIFF = RELEASE + "/diff";

    private final ControlPlane control;

    RegistryApi(ControlPlane control) {
        this.control = control;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(RELEASES, Access.ADMIN, Router.JSON,
                        "Publish a release (immutable, content-addressed): {policy_yaml, approved_scripts, kill_switch, source} signed by "
                                + "the control plane, or a signed gait.fleet.release document; ?name= and ?version= name it",
                        this::publish),
                ApiRoute.get(RELEASES, Access.ADMIN, "List the organisation's releases, newest first", this::list),
                ApiRoute.get(RELEASE, Access.ADMIN, "Get a release document by its digest, as published", this::get),
                ApiRoute.get(DIFF, Access.ADMIN, "Compare a release with the release ?against=<digest>", this::diff));
    }

    private Reply publish(HttpCall call, Principal caller) {
        Publication publication = control.publish(caller, call.body(), call.queryParam("name").orElse(""),
                call.queryParam("version").orElse(""));
        return Json.ok(publication.created() ? 201 : 200, "release", toJson(publication.release()));
    }

    private Reply list(HttpCall call, Principal caller) {
        return Json.list("releases", control.store().registry().releases(caller).stream().map(RegistryApi::toJson).toList());
    }

    private Reply get(HttpCall call, Principal caller) {
        String digest = call.param("release");
        return control.store().registry().document(caller, digest)
                .map(bytes -> new Reply(200, Router.JSON, bytes, Map.of("ETag", "\"" + digest + "\"")))
                .orElseGet(() -> ApiErrors.of(HttpError.NOT_FOUND, "no release " + digest + " in organisation " + call.param("org")));
    }

    private Reply diff(HttpCall call, Principal caller) {
        String from = call.queryParam("against").orElse("");
        if (!Digests.isSha256Hex(from)) {
            return ApiErrors.of(HttpError.BAD_REQUEST, "?against= must name a release digest");
        }
        return Json.ok(200, "diff", control.diff(caller, from, call.param("release")));
    }

    private static JsonObject toJson(Release release) {
        return JsonObject.builder()
                .put("release_digest", release.digest())
                .put("kind", release.kind().wireName())
                .put("name", release.name())
                .put("version", release.version())
                .put("author", release.author())
                .put("source", release.source())
                .put("size_bytes", release.sizeBytes())
                .put("created_at_ms", release.createdAtMillis())
                .build();
    }
}
