package dev.gait.fleet.api;

import dev.gait.core.canon.GoDuration;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.fleet.distribution.Bundle;
import dev.gait.fleet.distribution.BundleChannel;
import dev.gait.fleet.distribution.Canary;
import dev.gait.fleet.distribution.Distribution;
import dev.gait.fleet.distribution.EnforcementPoint;
import dev.gait.fleet.distribution.PointStatus;
import dev.gait.fleet.distribution.Posture;
import dev.gait.fleet.distribution.Rollout;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.HttpError;
import dev.gait.serve.http.Reply;
import dev.gait.serve.http.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Distribution: enforcement points fetch their bundle (conditional and long-polled) and report
 * their status; administrators promote, stage and roll back releases and read the posture.
 */
final class DistributionApi {
    static final String BUNDLE = "/v1/environments/{env}/bundle";
    static final String STATUS = "/v1/environments/{env}/status";
    static final String ENVIRONMENT = "/v1/orgs/{org}/environments/{env}";
    static final String ROLLOUT = ENVIRONMENT + "/rollout";
    static final String PROMOTIONS = ENVIRONMENT + "/promotions";
    static final String ROLLBACK = ENVIRONMENT + "/rollback";
    static final String POSTURE = ENVIRONMENT + "/posture";

    /** The longest a bundle request may wait for a change. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);

    private final FleetPorts ports;
    private final Distribution distribution;
    private final Clock clock;

    DistributionApi(FleetPorts ports, Distribution distribution, Clock clock) {
        this.ports = ports;
        this.distribution = distribution;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get(BUNDLE, Access.MACHINE,
                        "This point's signed bundle; If-None-Match answers 304 when unchanged; ?wait=30s holds the request until it changes (at most 60s)",
                        this::bundle),
                ApiRoute.post(STATUS, Access.MACHINE, Router.JSON,
                        "Report this point's status: {active_bundle_digest, decisions: {verdict: count}}", this::status),
                ApiRoute.get(ROLLOUT, Access.ADMIN, "The environment's rollout: stable and canary releases", this::rollout),
                ApiRoute.post(PROMOTIONS, Access.ADMIN, Router.JSON,
                        "Promote a release {release_digest} to every point, or stage it to a canary {canary: {labels} | {percent}}",
                        this::promote),
                ApiRoute.post(ROLLBACK, Access.ADMIN, Router.JSON,
                        "Cancel the running canary, or else return every point to the previous release", this::rollback),
                ApiRoute.get(POSTURE, Access.ADMIN,
                        "Each point's posture: current, drifted, stale (no report within ?stale_after=, default 5m) or never reported",
                        this::posture));
    }

    private Reply bundle(HttpCall call, Principal caller) {
        String env = call.param("env");
        Optional<EnforcementPoint> point = ports.tenants().point(env, caller.subject());
        if (point.isEmpty()) {
            return ApiErrors.of(HttpError.FORBIDDEN, "enforcement point " + caller.subject() + " is not registered in " + env);
        }
        Duration wait = duration(call, "wait", Duration.ZERO);
        if (wait.compareTo(MAX_WAIT) > 0) {
            return ApiErrors.of(HttpError.BAD_REQUEST, "?wait= is at most " + MAX_WAIT.toSeconds() + "s");
        }
        String ifNoneMatch = call.header("If-None-Match").orElse(null);
        BundleChannel channel = distribution.channel(env);
        Optional<Bundle> bundle;
        try {
            bundle = wait.isZero() ? channel.current(point.get()) : channel.await(point.get(), ifNoneMatch, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiErrors.of(HttpError.INTERNAL, "interrupted while waiting for a bundle");
        }
        if (bundle.isEmpty()) {
            return ApiErrors.envelope(404, "no_bundle", "environment " + env + " has no bundle for this point yet", JsonObject.EMPTY);
        }
        Bundle current = bundle.get();
        Reply reply = current.matches(ifNoneMatch)
                ? new Reply(304, Router.JSON, new byte[0], Map.of())
                : new Reply(200, Router.JSON, current.bytes(), Map.of());
        return reply.withHeader("ETag", current.etag()).withHeader("Cache-Control", "no-cache");
    }

    private Reply status(HttpCall call, Principal caller) {
        String env = call.param("env");
        if (ports.tenants().point(env, caller.subject()).isEmpty()) {
            return ApiErrors.of(HttpError.FORBIDDEN, "enforcement point " + caller.subject() + " is not registered in " + env);
        }
        JsonObject body = Json.body(call);
        String digest = body.string("active_bundle_digest").orElse("");
        if (!digest.isEmpty() && !Digests.isSha256Hex(digest)) {
            throw GaitException.invalidInput("active_bundle_digest must be a SHA-256 hex digest or empty");
        }
        Map<String, Long> decisions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : body.object("decisions").orElse(JsonObject.EMPTY).members().entrySet()) {
            if (!(entry.getValue() instanceof JsonNumber count) || count.value() < 0 || count.value() != Math.rint(count.value())) {
                throw GaitException.invalidInput("decisions." + entry.getKey() + " must be a count");
            }
            decisions.put(entry.getKey(), (long) count.value());
        }
        ports.status().record(env, new PointStatus(caller.subject(), digest, decisions, clock.instant()));
        return Reply.json(202, JsonObject.builder().put("ok", true).build());
    }

    private Reply rollout(HttpCall call, Principal caller) {
        if (!ports.tenants().hasEnvironment(call.param("org"), call.param("env"))) {
            return TenancyApi.noEnvironment(call);
        }
        return Json.ok(200, "rollout", toJson(distribution.channel(call.param("env")).rollout()));
    }

    private Reply promote(HttpCall call, Principal caller) {
        String org = call.param("org");
        JsonObject body = Json.body(call);
        String release = Json.required(body, "release_digest");
        if (ports.releases().document(org, release).isEmpty()) {
            return RegistryApi.noRelease(org, release);
        }
        Optional<Canary> canary = body.object("canary").map(DistributionApi::canary);
        return change(call, caller, canary.isPresent() ? "stage" : "promote",
                rollout -> canary.map(selector -> rollout.stage(release, selector)).orElseGet(() -> rollout.promote(release)));
    }

    private Reply rollback(HttpCall call, Principal caller) {
        return change(call, caller, "rollback", Rollout::rollback);
    }

    private Reply change(HttpCall call, Principal caller, String action, UnaryOperator<Rollout> change) {
        String org = call.param("org");
        String env = call.param("env");
        if (!ports.tenants().hasEnvironment(org, env)) {
            return TenancyApi.noEnvironment(call);
        }
        BundleChannel.Published now = distribution.channel(env).update(change, release -> ports.bundles().build(org, env, release));
        ports.rollouts().changed(org, env, action, now, caller.subject());
        return Json.ok(200, "rollout", toJson(now.rollout()));
    }

    private Reply posture(HttpCall call, Principal caller) {
        String org = call.param("org");
        String env = call.param("env");
        if (!ports.tenants().hasEnvironment(org, env)) {
            return TenancyApi.noEnvironment(call);
        }
        Duration staleAfter = duration(call, "stale_after", DEFAULT_STALE_AFTER);
        BundleChannel channel = distribution.channel(env);
        List<Posture.PointPosture> points = Posture.of(ports.tenants().points(org, env), ports.status().latest(env),
                point -> channel.current(point).map(Bundle::digest), clock.instant(), staleAfter);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Posture.State state : Posture.State.values()) {
            counts.put(state.wire(), 0);
        }
        points.forEach(p -> counts.merge(p.state().wire(), 1, Integer::sum));
        JsonObject.Builder summary = JsonObject.builder();
        counts.forEach(summary::put);
        return Reply.json(200, JsonObject.builder()
                .put("ok", true)
                .put("environment", env)
                .put("stale_after", GoDuration.format(staleAfter))
                .put("summary", summary.build())
                .put("points", new JsonArray(points.stream().<JsonValue>map(DistributionApi::toJson).toList()))
                .build());
    }

    private static Duration duration(HttpCall call, String name, Duration absent) {
        Optional<String> text = call.queryParam(name);
        if (text.isEmpty()) {
            return absent;
        }
        try {
            Duration value = GoDuration.parse(text.get());
            if (value.isNegative()) {
                throw new IllegalArgumentException("negative");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw GaitException.invalidInput("?" + name + "= must be a duration such as 30s or 500ms, not " + text.get());
        }
    }

    private static Canary canary(JsonObject json) {
        boolean byLabels = json.has("labels");
        if (byLabels == json.has("percent")) {
            throw GaitException.invalidInput("canary needs exactly one of labels or percent");
        }
        if (byLabels) {
            return new Canary.ByLabels(Json.stringMap(json, "labels"));
        }
        double percent = json.get("percent").filter(JsonNumber.class::isInstance).map(v -> ((JsonNumber) v).value()).orElse(-1d);
        if (percent != Math.rint(percent)) {
            throw GaitException.invalidInput("canary.percent must be a whole number from 0 to 100");
        }
        return new Canary.ByPercentage((int) percent);
    }

    static JsonObject toJson(Rollout rollout) {
        JsonObject.Builder json = JsonObject.builder()
                .put("stable", rollout.stable().orElse(""))
                .put("canary", rollout.canary().orElse(""))
                .putStrings("previous", rollout.previous());
        rollout.selector().ifPresent(selector -> json.put("canary_selector", switch (selector) {
            case Canary.ByLabels labels -> JsonObject.builder().put("labels", Json.strings(labels.labels())).build();
            case Canary.ByPercentage share -> JsonObject.builder().put("percent", share.percent()).build();
        }));
        return json.build();
    }

    private static JsonObject toJson(Posture.PointPosture point) {
        JsonObject.Builder json = JsonObject.builder()
                .put("point_id", point.pointId())
                .put("state", point.state().wire())
                .put("expected_bundle_digest", point.expectedDigest());
        point.lastReport().ifPresent(report -> {
            JsonObject.Builder decisions = JsonObject.builder();
            report.decisions().forEach((verdict, count) -> decisions.put(verdict, count));
            json.put("active_bundle_digest", report.activeBundleDigest())
                    .put("reported_at", report.reportedAt().toString())
                    .put("decisions", decisions.build());
        });
        return json.build();
    }
}
