package dev.gait.fleet.api;

import dev.gait.core.json.JsonObject;
import dev.gait.fleet.distribution.EnforcementPoint;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.HttpError;
import dev.gait.serve.http.Reply;
import dev.gait.serve.http.Router;
import java.util.List;

/** Organisations, environments and enforcement points. */
final class TenancyApi {
    static final String ORG = "/v1/orgs/{org}";
    static final String ENVIRONMENTS = ORG + "/environments";
    static final String POINTS = ENVIRONMENTS + "/{env}/points";

    private final Tenants tenants;

    TenancyApi(Tenants tenants) {
        this.tenants = tenants;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get(ORG, Access.ADMIN, "Describe the organisation", this::organisation),
                ApiRoute.get(ENVIRONMENTS, Access.ADMIN, "List the organisation's environments", this::environments),
                ApiRoute.post(ENVIRONMENTS, Access.ADMIN, Router.JSON, "Create an environment: {name}", this::createEnvironment),
                ApiRoute.get(POINTS, Access.ADMIN, "List an environment's enforcement points", this::points),
                ApiRoute.post(POINTS, Access.ADMIN, Router.JSON,
                        "Register an enforcement point {point_id, labels}; the reply carries its machine credential once", this::register));
    }

    private Reply organisation(HttpCall call, Principal caller) {
        return tenants.organisation(call.param("org")).map(org -> Json.ok(200, "organisation", org))
                .orElseGet(() -> ApiErrors.of(HttpError.NOT_FOUND, "no organisation " + call.param("org")));
    }

    private Reply environments(HttpCall call, Principal caller) {
        return Json.list("environments", tenants.environments(call.param("org")));
    }

    private Reply createEnvironment(HttpCall call, Principal caller) {
        String name = Json.required(Json.body(call), "name");
        return Json.ok(201, "environment", tenants.createEnvironment(call.param("org"), name, caller.subject()));
    }

    private Reply points(HttpCall call, Principal caller) {
        String org = call.param("org");
        String env = call.param("env");
        if (!tenants.hasEnvironment(org, env)) {
            return noEnvironment(call);
        }
        return Json.list("points", tenants.points(org, env).stream().map(TenancyApi::toJson).toList());
    }

    private Reply register(HttpCall call, Principal caller) {
        String org = call.param("org");
        String env = call.param("env");
        if (!tenants.hasEnvironment(org, env)) {
            return noEnvironment(call);
        }
        JsonObject body = Json.body(call);
        return Json.ok(201, "point", tenants.registerPoint(org, env, Json.required(body, "point_id"), Json.stringMap(body, "labels"),
                caller.subject()));
    }

    static JsonObject toJson(EnforcementPoint point) {
        return JsonObject.builder().put("point_id", point.id()).put("labels", Json.strings(point.labels())).build();
    }

    /** The same answer whether the environment does not exist or belongs to another organisation. */
    static Reply noEnvironment(HttpCall call) {
        return ApiErrors.of(HttpError.NOT_FOUND, "no environment " + call.param("env") + " in organisation " + call.param("org"));
    }
}
