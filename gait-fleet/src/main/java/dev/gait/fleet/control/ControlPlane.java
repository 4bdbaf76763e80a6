package dev.gait.fleet.control;

import dev.gait.core.bundle.BundleRejectedException;
import dev.gait.core.bundle.FleetBundle;
import dev.gait.core.bundle.FleetRelease;
import dev.gait.core.bundle.PolicyContent;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.json.StrictMembers;
import dev.gait.core.sign.Signer;
import dev.gait.fleet.artifacts.ArtifactStore;
import dev.gait.fleet.auth.Authorizer;
import dev.gait.fleet.auth.Permission;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.distribution.Bundle;
import dev.gait.fleet.distribution.BundleChannel;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.ingest.ArtifactVerifier;
import dev.gait.fleet.ingest.Ingested;
import dev.gait.fleet.ingest.NewArtifact;
import dev.gait.fleet.registry.NewRelease;
import dev.gait.fleet.registry.Promotion;
import dev.gait.fleet.registry.PromotionRequest;
import dev.gait.fleet.registry.Publication;
import dev.gait.fleet.registry.ReleaseKind;
import dev.gait.fleet.registry.Rollout;
import dev.gait.fleet.store.Store;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The control plane's operations that join the store with the signed formats: publishing releases
 * (signed here, or signed elsewhere and verified), promoting and rolling back (each builds and signs
 * a bundle with the next sequence), what is in force per environment, and verified artifact ingest.
 * Every change goes through the store, which audits it in the same transaction.
 */
public final class ControlPlane {
    /** A release's default name when the publisher gives none. */
    static final String DEFAULT_NAME = "policy";
    private static final Set<String> PUBLISH_MEMBERS = Set.of("policy_yaml", "approved_scripts", "kill_switch", "source");

    private final Store store;
    private final ArtifactStore artifacts;
    private final Signer key;
    private final List<byte[]> trustedKeys;
    private final Clock clock;

    /**
     * @param key the control plane's signing key
     * @param trustedKeys further public keys whose signatures it accepts on uploaded artifacts and
     *     pre-signed releases (its own key is always trusted)
     */
    public ControlPlane(Store store, ArtifactStore artifacts, Signer key, List<byte[]> trustedKeys, Clock clock) {
        this.store = store;
        this.artifacts = artifacts;
        this.key = key;
        List<byte[]> keys = new ArrayList<>(trustedKeys);
        keys.add(key.publicKey());
        this.trustedKeys = List.copyOf(keys);
        this.clock = clock;
    }

    public Store store() {
        return store;
    }

    /**
     * Publishes a release. {@code body} is either a signed {@code gait.fleet.release} document,
     * verified against the trusted keys and kept byte for byte, or a request
     * {@code {policy_yaml, approved_scripts?, kill_switch?, source?}} that the control plane signs
     * with the caller as author.
     *
     * @param name the release's name, empty for {@value #DEFAULT_NAME}
     * @param version its version, empty for the first 12 digits of its digest
     */
    public Publication publish(Principal caller, byte[] body, String name, String version) {
        JsonObject json = JsonReader.strict().readObject(body);
        byte[] document = json.has("schema_id") ? body : sign(caller, json);
        FleetRelease.Verified release;
        try {
            release = FleetRelease.verify(document, trustedKeys);
        } catch (BundleRejectedException e) {
            throw FleetException.invalid("release refused: " + e.getMessage());
        }
        PolicyContent content = release.content();
        ReleaseKind kind = content.approvedScripts().isEmpty() && content.killSwitch() == null ? ReleaseKind.POLICY : ReleaseKind.COMBINED;
        return store.registry().publish(caller, new NewRelease(release.digest(), kind, name.isEmpty() ? DEFAULT_NAME : name,
                version.isEmpty() ? release.digest().substring(0, 12) : version, release.provenance().author(),
                release.provenance().source(), document));
    }

    private byte[] sign(Principal caller, JsonObject request) {
        StrictMembers.only(request, PUBLISH_MEMBERS, "release request");
        String yaml = request.string("policy_yaml").orElse("");
        if (yaml.isBlank()) {
            throw GaitException.invalidInput("a release needs policy_yaml (or send a signed gait.fleet.release document)");
        }
        List<JsonObject> scripts = new ArrayList<>();
        if (!(request.get("approved_scripts").orElse(JsonArray.EMPTY) instanceof JsonArray listed)) {
            throw GaitException.invalidInput("approved_scripts must be an array of approved-script entries");
        }
        for (JsonValue entry : listed.elements()) {
            if (!(entry instanceof JsonObject script)) {
                throw GaitException.invalidInput("approved_scripts must be an array of approved-script entries");
            }
            scripts.add(script);
        }
        PolicyContent content = PolicyContent.of(yaml, scripts, request.object("kill_switch").orElse(null));
        String source = request.string("source").filter(s -> !s.isBlank()).orElse("api");
        return FleetRelease.sign(content, new FleetRelease.Provenance(caller.actor(), source, now()), key);
    }

    /** Promotes a release to the points {@code rollout} selects, with a newly signed bundle. */
    public Promotion promote(Principal caller, String environmentId, String releaseDigest, Rollout rollout) {
        return issue(caller, environmentId, releaseDigest, rollout, false);
    }

    /**
     * Rolls back: a staged promotion is cancelled (every point gets the release promoted to all
     * again), else every point returns to the release in force before the newest one. Either way a
     * new bundle with a higher sequence, marked as a rollback.
     */
    public Promotion rollback(Principal caller, String environmentId) {
        List<Promotion> history = store.registry().history(caller, environmentId);
        if (history.isEmpty()) {
            throw FleetException.invalid("nothing to roll back: environment " + environmentId + " has no promotion");
        }
        Promotion newest = history.getFirst();
        boolean staged = !newest.rollout().equals(Rollout.ALL);
        Optional<Promotion> target = history.stream()
                .filter(p -> p.rollout().equals(Rollout.ALL))
                .filter(p -> staged || !p.releaseDigest().equals(newest.releaseDigest()))
                .findFirst();
        return issue(caller, environmentId, target.orElseThrow(() -> FleetException.invalid(
                "nothing to roll back to: environment " + environmentId + " has had no earlier release")).releaseDigest(), Rollout.ALL, true);
    }

    private Promotion issue(Principal caller, String environmentId, String releaseDigest, Rollout rollout, boolean rollback) {
        if (store.tenancy().environment(caller, environmentId).isEmpty()) {
            throw FleetException.notFound("no environment " + environmentId);
        }
        byte[] document = store.registry().document(caller, releaseDigest)
                .orElseThrow(() -> FleetException.notFound("no release " + releaseDigest));
        FleetRelease.Verified release = FleetRelease.verify(document, trustedKeys);
        long sequence = store.registry().history(caller, environmentId).stream().findFirst().map(p -> p.sequence() + 1).orElse(1L);
        byte[] bundle = FleetBundle.sign(new FleetBundle.Draft(caller.orgId(), environmentId, sequence, release, rollback, List.of(),
                true, now()), key);
        return store.registry().promote(caller, new PromotionRequest(environmentId, sequence,
                rollback ? Promotion.Action.ROLLBACK : Promotion.Action.PROMOTE, releaseDigest, bundle, rollout));
    }

    /** What the environment's points get now, from the store. */
    public BundleChannel.InForce inForce(String environmentId) {
        List<BundleChannel.Assignment> assignments = store.registry().inForce(environmentId).stream()
                .map(active -> new BundleChannel.Assignment(active.promotion(), Bundle.of(active.bundle())))
                .toList();
        return assignments.isEmpty() ? BundleChannel.InForce.NONE
                : new BundleChannel.InForce(assignments.getFirst().promotion().sequence(), assignments);
    }

    /**
     * Verifies an upload; an accepted one is stored in the artifact store and indexed (a machine's
     * under its environment). A rejected one leaves no trace.
     */
    public Ingested ingest(Principal caller, byte[] bytes) {
        String environment = caller instanceof Principal.Machine machine ? machine.environmentId() : null;
        // a caller that may not upload stores nothing, not even bytes that would verify
        Authorizer.require(caller, Permission.UPLOAD_ARTIFACT, environment);
        Ingested outcome = ArtifactVerifier.verify(bytes, trustedKeys);
        if (outcome instanceof Ingested.Accepted accepted) {
            artifacts.put(caller.orgId(), bytes);
            store.artifactIndex().record(caller, new NewArtifact(accepted.digest(), accepted.kind(), accepted.runId(),
                    accepted.verdicts().isEmpty() ? "" : accepted.verdicts().getFirst(), environment, bytes.length));
        }
        return outcome;
    }

    /** What changed between two of the organisation's releases. */
    public JsonObject diff(Principal caller, String from, String to) {
        PolicyContent before = content(caller, from);
        PolicyContent after = content(caller, to);
        return JsonObject.builder()
                .put("from", from)
                .put("to", to)
                .put("identical", from.equals(to))
                .put("policy_changed", !before.policy().digest().equals(after.policy().digest()))
                .put("policy_digest_from", before.policy().digest())
                .put("policy_digest_to", after.policy().digest())
                .put("approved_scripts_from", before.approvedScripts().size())
                .put("approved_scripts_to", after.approvedScripts().size())
                .put("kill_switch_changed", !String.valueOf(before.killSwitch()).equals(String.valueOf(after.killSwitch())))
                .build();
    }

    private PolicyContent content(Principal caller, String digest) {
        byte[] document = store.registry().document(caller, digest).orElseThrow(() -> FleetException.notFound("no release " + digest));
        return FleetRelease.verify(document, trustedKeys).content();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
