package dev.gait.fleet.api;

import dev.gait.core.canon.GoDuration;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.control.ControlPlane;
import dev.gait.fleet.distribution.Bundle;
import dev.gait.fleet.distribution.BundleChannel;
import dev.gait.fleet.distribution.Distribution;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.posture.PointPosture;
import dev.gait.fleet.posture.StatusReport;
import dev.gait.fleet.registry.Promotion;
import dev.gait.fleet.registry.Rollout;
import dev.gait.fleet.tenancy.EnforcementPoint;
import dev.gait.serve.http.HttpCall;
import dev.gait.serve.http.HttpError;
import dev.gait.serve.http.Reply;
import dev.gait.serve.http.Router;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Distribution: enforcement points fetch their bundle (conditional and long-polled) and report
 * their status; administrators promote (to all points or staged by labels and percentage), roll
 * back, and read what is in force and each point's posture.
 */
final class DistributionApi {
    static final String BUNDLE = "/v1/environments/{env}/bundle";
    static final String STATUS = "/v1/enforcement-points/{point}/status";
    static final String ENVIRONMENT = "/v1/orgs/{org}/environments/{env}";
    static final String ROLLOUT = ENVIRONMENT + "/rollout";
    static final String PROMOTIONS = ENVIRONMENT + "/promotions";
    static final String ROLLBACK = ENVIRONMENT + "/rollback";
    static final String POSTURE = ENVIRONMENT + "/posture";

    /** The longest a bundle request may wait for a change. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);

    private final ControlPlane control;
    private final Distribution distribution;

    DistributionApi(ControlPlane control, Distribution distribution) {
        this.control = control;
        this.distribution = distribution;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get(BUNDLE, Access.MACHINE,
                        "This point's signed bundle; If-None-Match answers 304 when unchanged; ?wait=30s holds the request until it changes (at most 60s)",
                        this::bundle),
                ApiRoute.post(STATUS, Access.MACHINE, Router.JSON,
                        "Report this point's status (gait.fleet.status_report): {bundle_digest, bundle_sequence, decisions: {verdict: count}}",
                        this::status),
                ApiRoute.get(ROLLOUT, Access.ADMIN, "The promotions in force: the newest to every point and any staged after it", this::rollout),
                ApiRoute.post(PROMOTIONS, Access.ADMIN, Router.JSON,
                        "Promote a release {release_digest} to every point, or stage it {rollout: {labels, percent}}", this::promote),
                ApiRoute.post(ROLLBACK, Access.ADMIN, Router.JSON,
                        "Cancel a staged promotion, or else return every point to the previous release (a new bundle marked rollback)",
                        this::rollback),
                ApiRoute.get(POSTURE, Access.ADMIN,
                        "Each point's posture: current, drifted, stale (no report within ?stale_after=, default 5m) or never reported",
                        this::posture));
    }

    private Reply bundle(HttpCall call, Principal caller) {
        String env = call.param("env");
        Principal.Machine machine = (Principal.Machine) caller;
        Optional<EnforcementPoint> point = control.store().tenancy().enforcementPoint(caller, machine.enforcementPointId());
        if (point.isEmpty()) {
            return ApiErrors.of(HttpError.FORBIDDEN, "enforcement point " + machine.enforcementPointId() + " is not registered in " + env);
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
        JsonObject body = Json.body(call);
        Map<String, Long> decisions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : body.object("decisions").orElse(JsonObject.EMPTY).members().entrySet()) {
            decisions.put(entry.getKey(), count(entry.getValue(), "decisions." + entry.getKey()));
        }
        long sequence = count(body.get("bundle_sequence").orElse(new JsonNumber(0)), "bundle_sequence");
        control.store().posture().report(caller, new StatusReport(body.string("bundle_digest").orElse(""), sequence, decisions));
        return Reply.json(202, JsonObject.builder().put("ok", true).build());
    }

    private static long count(JsonValue value, String name) {
        if (!(value instanceof JsonNumber number) || number.value() < 0 || number.value() != Math.rint(number.value())) {
            throw GaitException.invalidInput(name + " must be a count");
        }
        return (long) number.value();
    }

    private Reply rollout(HttpCall call, Principal caller) {
        String env = call.param("env");
        if (control.store().tenancy().environment(caller, env).isEmpty()) {
            throw FleetException.notFound("no environment " + env);
        }
        return Json.list("in_force", control.inForce(env).assignments().stream().map(a -> toJson(a.promotion())).toList());
    }

    private Reply promote(HttpCall call, Principal caller) {
        JsonObject body = Json.body(call);
        Rollout rollout = body.object("rollout").map(DistributionApi::rollout).orElse(Rollout.ALL);
        return published(control.promote(caller, call.param("env"), Json.required(body, "release_digest"), rollout));
    }

    private Reply rollback(HttpCall call, Principal caller) {
        return published(control.rollback(caller, call.param("env")));
    }

    /** Serves the new promotion from this replica at once (the others pick it up from the store). */
    private Reply published(Promotion promotion) {
        distribution.channel(promotion.environmentId()).publish(control.inForce(promotion.environmentId()));
        return Json.ok(201, "promotion", toJson(promotion));
    }

    private Reply posture(HttpCall call, Principal caller) {
        String env = call.param("env");
        Duration staleAfter = duration(call, "stale_after", DEFAULT_STALE_AFTER);
        List<PointPosture> points = control.store().posture().environment(caller, env, staleAfter);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PointPosture.State state : PointPosture.State.values()) {
            counts.put(wire(state), 0);
        }
        points.forEach(p -> counts.merge(wire(p.state()), 1, Integer::sum));
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

    private static Rollout rollout(JsonObject json) {
        double percent = json.get("percent").filter(JsonNumber.class::isInstance).map(v -> ((JsonNumber) v).value()).orElse(100d);
        if (percent != Math.rint(percent)) {
            throw GaitException.invalidInput("rollout.percent must be a whole number from 1 to 100");
        }
        return new Rollout(Json.stringMap(json, "labels"), (int) percent);
    }

    private static JsonObject toJson(Promotion promotion) {
        return JsonObject.builder()
                .put("environment_id", promotion.environmentId())
                .put("sequence", promotion.sequence())
                .put("action", promotion.action().name().toLowerCase(Locale.ROOT))
                .put("release_digest", promotion.releaseDigest())
                .put("bundle_digest", promotion.bundleDigest())
                .put("rollout", JsonObject.builder().put("labels", Json.strings(promotion.rollout().labels()))
                        .put("percent", promotion.rollout().percent()).build())
                .put("promoted_by", promotion.promotedBy())
                .put("promoted_at_ms", promotion.promotedAtMillis())
                .build();
    }

    private static String wire(PointPosture.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static JsonObject toJson(PointPosture point) {
        JsonObject.Builder json = JsonObject.builder()
                .put("point_id", point.point().id())
                .put("name", point.point().name())
                .put("state", wire(point.state()))
                .put("expected_bundle_digest", point.expectedBundleDigest().orElse(""));
        point.lastReport().ifPresent(report -> {
            JsonObject.Builder decisions = JsonObject.builder();
            report.decisionCounts().forEach((verdict, count) -> decisions.put(verdict, count));
            json.put("active_bundle_digest", report.bundleDigest())
                    .put("active_bundle_sequence", report.bundleSequence())
                    .put("decisions", decisions.build());
        });
        point.reportedAtMillis().ifPresent(at -> json.put("reported_at_ms", at));
        return json.build();
    }
}
