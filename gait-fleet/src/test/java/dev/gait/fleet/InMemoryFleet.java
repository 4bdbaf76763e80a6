package dev.gait.fleet;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.fleet.api.AuditLog;
import dev.gait.fleet.api.Authenticator;
import dev.gait.fleet.api.BundleBuilder;
import dev.gait.fleet.api.FleetPorts;
import dev.gait.fleet.api.Principal;
import dev.gait.fleet.api.Releases;
import dev.gait.fleet.api.Rollouts;
import dev.gait.fleet.api.StatusReports;
import dev.gait.fleet.api.Tenants;
import dev.gait.fleet.api.TrustedKeys;
import dev.gait.fleet.distribution.Bundle;
import dev.gait.fleet.distribution.EnforcementPoint;
import dev.gait.fleet.distribution.PointStatus;
import dev.gait.fleet.distribution.BundleChannel;
import dev.gait.fleet.ingest.ArtifactIndex;
import dev.gait.fleet.ingest.Ingested;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fleet's ports held in memory, for tests of the HTTP layer until the store binds them. Keeps
 * every tenant's data apart by organisation, as the store does. Bundles are a small JSON document
 * naming the environment and release (their signed format is the bundle package's).
 */
public final class InMemoryFleet implements Authenticator, Tenants, Releases, BundleBuilder, Rollouts, StatusReports,
        ArtifactIndex, TrustedKeys, AuditLog {

    private record Environment(String organisation, String name) {}

    private final Map<String, Principal> tokens = new ConcurrentHashMap<>();
    private final Map<String, Environment> environments = new ConcurrentHashMap<>();
    private final Map<String, EnforcementPoint> points = new ConcurrentHashMap<>();
    private final Map<String, byte[]> releases = new ConcurrentHashMap<>();
    private final Map<String, Stored> rollouts = new ConcurrentHashMap<>();
    private final Map<String, PointStatus> reports = new ConcurrentHashMap<>();
    private final List<String> audit = new CopyOnWriteArrayList<>();
    private final Map<String, List<Indexed>> artifacts = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> keys = new ConcurrentHashMap<>();
    public final AtomicBoolean ready = new AtomicBoolean(true);

    public FleetPorts ports() {
        return new FleetPorts(this, this, this, this, this, this, this, this, this, ready::get);
    }

    public InMemoryFleet admin(String token, String organisation) {
        tokens.put(token, Principal.admin(organisation, "admin@" + organisation));
        return this;
    }

    public InMemoryFleet trust(String organisation, byte[] publicKey) {
        keys.computeIfAbsent(organisation, o -> new CopyOnWriteArrayList<>()).add(publicKey);
        return this;
    }

    public List<String> auditActions() {
        return List.copyOf(audit);
    }

    @Override
    public Optional<Principal> authenticate(String bearerToken) {
        return Optional.ofNullable(tokens.get(bearerToken));
    }

    @Override
    public Optional<JsonObject> organisation(String organisation) {
        boolean known = tokens.values().stream().anyMatch(p -> p.organisation().equals(organisation));
        return known ? Optional.of(JsonObject.builder().put("id", organisation).build()) : Optional.empty();
    }

    @Override
    public JsonObject createEnvironment(String organisation, String name, String actor) {
        String id = organisation + "-" + name;
        environments.put(id, new Environment(organisation, name));
        audit.add(organisation + " create_environment " + id);
        return JsonObject.builder().put("id", id).put("name", name).build();
    }

    @Override
    public List<JsonObject> environments(String organisation) {
        return environments.entrySet().stream().filter(e -> e.getValue().organisation().equals(organisation))
                .map(e -> JsonObject.builder().put("id", e.getKey()).put("name", e.getValue().name()).build()).toList();
    }

    @Override
    public boolean hasEnvironment(String organisation, String environment) {
        Environment env = environments.get(environment);
        return env != null && env.organisation().equals(organisation);
    }

    @Override
    public JsonObject registerPoint(String organisation, String environment, String pointId, Map<String, String> labels, String actor) {
        points.put(environment + "/" + pointId, new EnforcementPoint(pointId, labels));
        String token = "machine-" + environment + "-" + pointId;
        tokens.put(token, Principal.machine(organisation, environment, pointId));
        audit.add(organisation + " register_point " + pointId);
        return JsonObject.builder().put("point_id", pointId).put("token", token).build();
    }

    @Override
    public List<EnforcementPoint> points(String organisation, String environment) {
        return points.entrySet().stream().filter(e -> e.getKey().startsWith(environment + "/")).map(Map.Entry::getValue)
                .sorted(Comparator.comparing(EnforcementPoint::id)).toList();
    }

    @Override
    public Optional<EnforcementPoint> point(String environment, String pointId) {
        return Optional.ofNullable(points.get(environment + "/" + pointId));
    }

    @Override
    public JsonObject publish(String organisation, byte[] document, String actor) {
        JsonReader.strict().readObject(document);
        String digest = Digests.sha256Hex(document);
        releases.put(organisation + "/" + digest, document.clone());
        audit.add(organisation + " publish " + digest);
        return JsonObject.builder().put("release_digest", digest).put("author", actor).build();
    }

    @Override
    public List<JsonObject> list(String organisation) {
        return releases.keySet().stream().filter(k -> k.startsWith(organisation + "/")).sorted()
                .map(k -> JsonObject.builder().put("release_digest", k.substring(organisation.length() + 1)).build()).toList();
    }

    @Override
    public Optional<byte[]> document(String organisation, String releaseDigest) {
        return Optional.ofNullable(releases.get(organisation + "/" + releaseDigest));
    }

    @Override
    public JsonObject diff(String organisation, String from, String to) {
        return JsonObject.builder().put("from", from).put("to", to).put("identical", from.equals(to)).build();
    }

    @Override
    public Bundle build(String organisation, String environment, String releaseDigest) {
        String json = "{\"environment\":\"" + environment + "\",\"release_digest\":\"" + releaseDigest + "\"}";
        return Bundle.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void changed(String organisation, String environment, String action, BundleChannel.Published now, String actor) {
        rollouts.put(environment, new Stored(organisation, environment, now));
        audit.add(organisation + " " + action + " " + environment + " " + now.rollout().stable().orElse(""));
    }

    @Override
    public List<Stored> load() {
        return List.copyOf(rollouts.values());
    }

    @Override
    public void record(String environment, PointStatus status) {
        reports.put(environment + "/" + status.pointId(), status);
    }

    @Override
    public List<PointStatus> latest(String environment) {
        return reports.entrySet().stream().filter(e -> e.getKey().startsWith(environment + "/")).map(Map.Entry::getValue).toList();
    }

    @Override
    public void put(String organisation, Ingested.Accepted artifact, byte[] bytes, Instant receivedAt) {
        List<Indexed> list = artifacts.computeIfAbsent(organisation, o -> new CopyOnWriteArrayList<>());
        if (list.stream().noneMatch(i -> i.artifact().digest().equals(artifact.digest()))) {
            list.add(new Indexed(artifact, receivedAt));
        }
    }

    @Override
    public List<Indexed> search(String organisation, Query query) {
        List<Indexed> found = new ArrayList<>(artifacts.getOrDefault(organisation, List.of()).stream().filter(query::matches).toList());
        found.sort(Comparator.comparing(Indexed::receivedAt).reversed());
        return found.stream().limit(query.limit()).toList();
    }

    @Override
    public List<byte[]> of(String organisation) {
        return keys.getOrDefault(organisation, List.of());
    }

    @Override
    public byte[] export(String organisation) {
        StringBuilder out = new StringBuilder();
        audit.stream().filter(line -> line.startsWith(organisation + " "))
                .forEach(line -> out.append("{\"action\":\"").append(line).append("\"}\n"));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
