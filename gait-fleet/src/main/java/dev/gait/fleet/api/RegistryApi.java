package dev.gait.fleet.api;

import dev.gait.core.digest.Digests;
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

    private final Releases releases;

    RegistryApi(Releases releases) {
        this.releases = releases;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(RELEASES, Access.ADMIN, Router.JSON, "Publish a signed release document (immutable, content-addressed)", this::publish),
                ApiRoute.get(RELEASES, Access.ADMIN, "List the organisation's releases", this::list),
                ApiRoute.get(RELEASE, Access.ADMIN, "Get a release document by its digest, as published", this::get),
                ApiRoute.get(DIFF, Access.ADMIN, "Compare a release with the release ?against=<digest>", this::diff));
    }

    private Reply publish(HttpCall call, Principal caller) {
        return Json.ok(201, "release", releases.publish(call.param("org"), call.body(), caller.subject()));
    }

    private Reply list(HttpCall call, Principal caller) {
        return Json.list("releases", releases.list(call.param("org")));
    }

    private Reply get(HttpCall call, Principal caller) {
        String digest = call.param("release");
        return releases.document(call.param("org"), digest)
                .map(bytes -> new Reply(200, Router.JSON, bytes, Map.of("ETag", "\"" + digest + "\"")))
                .orElseGet(() -> noRelease(call.param("org"), digest));
    }

    private Reply diff(HttpCall call, Principal caller) {
        String org = call.param("org");
        String from = call.queryParam("against").orElse("");
        String to = call.param("release");
        if (!Digests.isSha256Hex(from)) {
            return ApiErrors.of(HttpError.BAD_REQUEST, "?against= must name a release digest");
        }
        for (String digest : List.of(from, to)) {
            if (releases.document(org, digest).isEmpty()) {
                return noRelease(org, digest);
            }
        }
        return Json.ok(200, "diff", releases.diff(org, from, to));
    }

    static Reply noRelease(String org, String digest) {
        return ApiErrors.of(HttpError.NOT_FOUND, "no release " + digest + " in organisation " + org);
    }
}
