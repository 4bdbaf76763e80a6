package dev.gait.fleet.api;

import dev.gait.core.json.JsonObject;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.credentials.IssuedCredential;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.store.Store;
import dev.gait.fleet.tenancy.EnforcementPoint;
import dev.gait.fleet.tenancy.Environment;
import dev.gait.fleet.tenancy.Organization;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.Reply;
import dev.gait.serve.http.Router;
import java.util.List;
import java.util.Locale;

/** Organisations, environments and enforcement points. */
final class TenancyApi {
    static final String ORG = "/v1/orgs/{org}";
    static final String ENVIRONMENTS = ORG + "/environments";
    static final String POINTS = ENVIRONMENTS + "/{env}/points";
    static final String CREDENTIALS = ORG + "/credentials";
    static final String REVOKE = CREDENTIALS + "/{credential}/revoke";

    private final Store store;

    TenancyApi(Store store) {
        this.store = store;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get(ORG, Access.ADMIN, "Describe the organisation", this::organisation),
                ApiRoute.get(ENVIRONMENTS, Access.ADMIN, "List the organisation's environments", this::environments),
                ApiRoute.post(ENVIRONMENTS, Access.ADMIN, Router.JSON, "Create an environment: {name, labels}", this::createEnvironment),
                ApiRoute.get(POINTS, Access.ADMIN, "List an environment's enforcement points", this::points),
                ApiRoute.post(POINTS, Access.ADMIN, Router.JSON,
                        "Register an enforcement point {name, labels}; the reply carries its machine credential once", this::register),
                ApiRoute.get(CREDENTIALS, Access.ADMIN, "List the organisation's credentials (never their secrets)", this::credentials),
                ApiRoute.post(REVOKE, Access.ADMIN, Router.JSON, "Revoke a credential: it authenticates nobody from the next request on",
                        this::revoke));
    }

    private Reply organisation(HttpCall call, Principal caller) {
        Organization org = store.tenancy().organization(caller);
        return Json.ok(200, "organisation", JsonObject.builder().put("id", org.id()).put("name", org.name()).build());
    }

    private Reply environments(HttpCall call, Principal caller) {
        return Json.list("environments", store.tenancy().environments(caller).stream().map(TenancyApi::toJson).toList());
    }

    private Reply createEnvironment(HttpCall call, Principal caller) {
        JsonObject body = Json.body(call);
        return Json.ok(201, "environment",
                toJson(store.tenancy().createEnvironment(caller, Json.required(body, "name"), Json.stringMap(body, "labels"))));
    }

    private Reply points(HttpCall call, Principal caller) {
        if (store.tenancy().environment(caller, call.param("env")).isEmpty()) {
            throw FleetException.notFound("no environment " + call.param("env") + " in organisation " + call.param("org"));
        }
        return Json.list("points", store.tenancy().enforcementPoints(caller, call.param("env")).stream().map(TenancyApi::toJson).toList());
    }

    private Reply register(HttpCall call, Principal caller) {
        JsonObject body = Json.body(call);
        EnforcementPoint point = store.tenancy().registerEnforcementPoint(caller, call.param("env"), Json.required(body, "name"),
                Json.stringMap(body, "labels"));
        IssuedCredential credential = store.credentials().issueMachineCredential(caller, point.id());
        return Json.ok(201, "point", toJson(point).toBuilder().put("credential_id", credential.id()).put("token", credential.token()).build());
    }

    private Reply credentials(HttpCall call, Principal caller) {
        return Json.list("credentials", store.credentials().list(caller).stream().map(info -> JsonObject.builder()
                .put("id", info.id())
                .put("kind", info.kind().name().toLowerCase(Locale.ROOT))
                .put("subject_id", info.subjectId())
                .put("environment_id", info.environmentId().orElse(""))
                .put("created_at_ms", info.createdAtMillis())
                .put("revoked", info.revoked())
                .build()).toList());
    }

    private Reply revoke(HttpCall call, Principal caller) {
        store.credentials().revoke(caller, call.param("credential"));
        return Json.ok(200, "revoked", JsonObject.builder().put("id", call.param("credential")).build());
    }

    private static JsonObject toJson(Environment environment) {
        return JsonObject.builder().put("id", environment.id()).put("name", environment.name())
                .put("labels", Json.strings(environment.labels())).build();
    }

    static JsonObject toJson(EnforcementPoint point) {
        return JsonObject.builder().put("id", point.id()).put("environment_id", point.environmentId()).put("name", point.name())
                .put("labels", Json.strings(point.labels())).build();
    }
}
