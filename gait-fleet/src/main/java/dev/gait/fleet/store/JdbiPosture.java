package dev.gait.fleet.store;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.fleet.auth.Authorizer;
import dev.gait.fleet.auth.Permission;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.posture.PointPosture;
import dev.gait.fleet.posture.Posture;
import dev.gait.fleet.posture.StatusReport;
import dev.gait.fleet.registry.Promotion;
import dev.gait.fleet.tenancy.EnforcementPoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class JdbiPosture implements Posture {

    private static final String COLUMNS = "enforcement_point_id, bundle_digest, bundle_sequence, decision_counts, reported_at";

    private final Transactions transactions;
    private final Clock clock;

    JdbiPosture(Transactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A stored report with its time. */
    private record Reported(StatusReport report, long atMillis) {}

    /** What the posture of an environment is computed from, read in one transaction. */
    private record Snapshot(List<EnforcementPoint> points, List<Promotion> history, Map<String, Reported> reports) {}

    @Override
    public void report(Principal caller, StatusReport report) {
        if (!(caller instanceof Principal.Machine machine)) {
            throw FleetException.forbidden(caller.actor() + " is not an enforcement point");
        }
        Authorizer.require(caller, Permission.REPORT_STATUS, machine.environmentId());
        // A point that never received a valid bundle reports an empty digest (and blocks every call).
        if (!report.bundleDigest().isEmpty() && !Digests.isSha256Hex(report.bundleDigest())) {
            throw FleetException.invalid("bundle digest must be a SHA-256 hex digest or empty: " + report.bundleDigest());
        }
        String counts = Jcs.canonicalString(countsJson(report.decisionCounts()));
        transactions.write(write -> {
            int updated = write.handle().createUpdate("UPDATE point_status SET bundle_digest = :digest, bundle_sequence = :sequence, "
                            + "decision_counts = :counts, reported_at = :now, environment_id = :env WHERE enforcement_point_id = :point")
                    .bind("digest", report.bundleDigest()).bind("sequence", report.bundleSequence()).bind("counts", counts)
                    .bind("now", write.now()).bind("env", machine.environmentId()).bind("point", machine.enforcementPointId())
                    .execute();
            if (updated == 0) {
                write.handle().createUpdate("INSERT INTO point_status (org_id, environment_id, " + COLUMNS + ") VALUES "
                                + "(:org, :env, :point, :digest, :sequence, :counts, :now)")
                        .bind("org", machine.orgId()).bind("env", machine.environmentId()).bind("point", machine.enforcementPointId())
                        .bind("digest", report.bundleDigest()).bind("sequence", report.bundleSequence()).bind("counts", counts)
                        .bind("now", write.now())
                        .execute();
            }
            return null;
        });
    }

    @Override
    public List<PointPosture> environment(Principal caller, String environmentId, Duration staleAfter) {
        Authorizer.require(caller, Permission.READ_POSTURE);
        Snapshot snapshot = transactions.read(handle -> {
            JdbiTenancy.requireEnvironment(handle, caller.orgId(), environmentId);
            Map<String, Reported> reports = new LinkedHashMap<>();
            handle.createQuery("SELECT " + COLUMNS + " FROM point_status WHERE org_id = :org AND environment_id = :env")
                    .bind("org", caller.orgId()).bind("env", environmentId)
                    .map((row, context) -> Map.entry(row.getString("enforcement_point_id"), new Reported(
                            new StatusReport(row.getString("bundle_digest"), row.getLong("bundle_sequence"),
                                    countsFromJson(row.getString("decision_counts"))),
                            row.getLong("reported_at"))))
                    .forEach(entry -> reports.put(entry.getKey(), entry.getValue()));
            return new Snapshot(JdbiTenancy.enforcementPointsOf(handle, caller.orgId(), environmentId),
                    JdbiRegistry.historyOf(handle, caller.orgId(), environmentId), reports);
        });
        long staleBefore = clock.millis() - staleAfter.toMillis();
        List<PointPosture> postures = new ArrayList<>();
        for (EnforcementPoint point : snapshot.points()) {
            Optional<String> expected = snapshot.history().stream()
                    .filter(promotion -> promotion.rollout().selects(point.id(), point.labels()))
                    .findFirst()
                    .map(Promotion::bundleDigest);
            Optional<Reported> reported = Optional.ofNullable(snapshot.reports().get(point.id()));
            postures.add(new PointPosture(point, reported.map(Reported::report), reported.map(Reported::atMillis), expected,
                    state(reported, expected, staleBefore)));
        }
        return postures;
    }

    private static PointPosture.State state(Optional<Reported> reported, Optional<String> expected, long staleBefore) {
        if (reported.isEmpty()) {
            return PointPosture.State.NEVER_REPORTED;
        }
        if (reported.get().atMillis() < staleBefore) {
            return PointPosture.State.STALE;
        }
        boolean onExpected = expected.map(digest -> digest.equals(reported.get().report().bundleDigest())).orElse(true);
        return onExpected ? PointPosture.State.CURRENT : PointPosture.State.DRIFTED;
    }

    private static JsonObject countsJson(Map<String, Long> counts) {
        JsonObject.Builder json = JsonObject.builder();
        counts.forEach((verdict, count) -> {
            if (count < 0) {
                throw FleetException.invalid("decision count of " + verdict + " cannot be negative");
            }
            json.put(verdict, new JsonNumber(count));
        });
        return json.build();
    }

    private static Map<String, Long> countsFromJson(String text) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> member : ((JsonObject) JsonReader.strict().read(text)).members().entrySet()) {
            counts.put(member.getKey(), (long) ((JsonNumber) member.getValue()).value());
        }
        return counts;
    }
}
