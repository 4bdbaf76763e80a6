package dev.gait.fleet.store;

import dev.gait.core.canon.Jcs;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.fleet.auth.Authorizer;
import dev.gait.fleet.auth.Permission;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.registry.ActiveBundle;
import dev.gait.fleet.registry.NewRelease;
import dev.gait.fleet.registry.Promotion;
import dev.gait.fleet.registry.PromotionRequest;
import dev.gait.fleet.registry.Publication;
import dev.gait.fleet.registry.Registry;
import dev.gait.fleet.registry.Release;
import dev.gait.fleet.registry.ReleaseKind;
import dev.gait.fleet.registry.Rollout;
import dev.gait.fleet.tenancy.Names;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbiRegistry implements Registry {

    /** Release and bundle documents are policy-sized; larger uploads are artifacts, not releases. */
    static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    private static final String RELEASE_COLUMNS =
            "org_id, digest, kind, name, version, author, source, LENGTH(document) AS size, created_at";
    private static final String PROMOTION_COLUMNS =
            "org_id, environment_id, sequence, action, release_digest, bundle_digest, rollout, promoted_by, promoted_at";

    private final Transactions transactions;

    JdbiRegistry(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Publication publish(Principal caller, NewRelease release) {
        Authorizer.require(caller, Permission.PUBLISH_RELEASE);
        validate(release);
        byte[] document = release.document();
        String digest = release.digest();
        return transactions.write(write -> {
            Handle handle = write.handle();
            // One statement, so that a concurrent publisher's row is seen by both conditions or by neither.
            List<Release> clashes = handle.createQuery("SELECT " + RELEASE_COLUMNS + " FROM releases WHERE org_id = :org "
                            + "AND (digest = :digest OR (name = :name AND version = :version))")
                    .bind("org", caller.orgId()).bind("digest", digest)
                    .bind("name", release.name()).bind("version", release.version())
                    .map(JdbiRegistry::releaseRow)
                    .list();
            for (Release existing : clashes) {
                boolean sameRelease = existing.name().equals(release.name()) && existing.version().equals(release.version());
                if (existing.digest().equals(digest) && sameRelease && existing.kind() == release.kind()) {
                    return new Publication(existing, false);
                }
                if (existing.digest().equals(digest)) {
                    throw FleetException.conflict("this content is already published as " + existing.name() + "@" + existing.version());
                }
                throw FleetException.conflict(release.name() + "@" + release.version() + " is already published with digest "
                        + existing.digest() + "; releases are immutable, publish a new version");
            }
            handle.createUpdate("INSERT INTO releases (org_id, digest, kind, name, version, author, source, document, created_at) "
                            + "VALUES (:org, :digest, :kind, :name, :version, :author, :source, :document, :now)")
                    .bind("org", caller.orgId()).bind("digest", digest).bind("kind", release.kind().wireName())
                    .bind("name", release.name()).bind("version", release.version())
                    .bind("author", release.author()).bind("source", release.source())
                    .bind("document", document).bind("now", write.now())
                    .execute();
            AuditRows.append(write, caller.orgId(), caller.actor(), "release.publish", digest, JsonObject.builder()
                    .put("kind", release.kind().wireName())
                    .put("name", release.name())
                    .put("version", release.version())
                    .put("author", release.author())
                    .put("source", release.source())
                    .build());
            return new Publication(findRelease(handle, caller.orgId(), digest).orElseThrow(), true);
        });
    }

    @Override
    public Optional<Release> release(Principal caller, String digest) {
        Authorizer.require(caller, Permission.READ_RELEASES);
        return transactions.read(handle -> findRelease(handle, caller.orgId(), digest));
    }

    @Override
    public Optional<byte[]> document(Principal caller, String digest) {
        Authorizer.require(caller, Permission.READ_RELEASES);
        return transactions.read(handle -> handle.createQuery("SELECT document FROM releases WHERE org_id = :org AND digest = :digest")
                .bind("org", caller.orgId()).bind("digest", digest)
                .map((row, context) -> row.getBytes("document"))
                .findOne());
    }

    @Override
    public List<Release> releases(Principal caller) {
        Authorizer.require(caller, Permission.READ_RELEASES);
        return transactions.read(handle -> handle.createQuery(
                        "SELECT " + RELEASE_COLUMNS + " FROM releases WHERE org_id = :org ORDER BY created_at DESC, digest")
                .bind("org", caller.orgId())
                .map(JdbiRegistry::releaseRow)
                .list());
    }

    @Override
    public Promotion promote(Principal caller, PromotionRequest request) {
        Authorizer.require(caller, Permission.PROMOTE, request.environmentId());
        byte[] bundle = request.bundle();
        if (bundle.length == 0 || bundle.length > MAX_DOCUMENT_BYTES) {
            throw FleetException.invalid("a bundle must have 1 to " + MAX_DOCUMENT_BYTES + " bytes");
        }
        return transactions.write(write -> {
            Handle handle = write.handle();
            JdbiTenancy.requireEnvironment(handle, caller.orgId(), request.environmentId());
            if (findRelease(handle, caller.orgId(), request.releaseDigest()).isEmpty()) {
                throw FleetException.notFound("release " + request.releaseDigest());
            }
            long latest = latest(handle, caller.orgId(), request.environmentId()).map(Promotion::sequence).orElse(0L);
            if (request.sequence() != latest + 1) {
                throw FleetException.conflict("environment " + request.environmentId() + " is at sequence " + latest
                        + "; a promotion must carry " + (latest + 1));
            }
            Promotion promotion = new Promotion(caller.orgId(), request.environmentId(), request.sequence(), request.action(),
                    request.releaseDigest(), Digests.sha256Hex(bundle), request.rollout(), caller.actor(), write.now());
            handle.createUpdate("INSERT INTO promotions (" + PROMOTION_COLUMNS + ", bundle) VALUES "
                            + "(:org, :env, :sequence, :action, :release, :bundleDigest, :rollout, :by, :now, :bundle)")
                    .bind("org", promotion.orgId()).bind("env", promotion.environmentId())
                    .bind("sequence", promotion.sequence()).bind("action", promotion.action().name())
                    .bind("release", promotion.releaseDigest()).bind("bundleDigest", promotion.bundleDigest())
                    .bind("rollout", Jcs.canonicalString(rolloutJson(promotion.rollout())))
                    .bind("by", promotion.promotedBy()).bind("now", promotion.promotedAtMillis())
                    .bind("bundle", bundle)
                    .execute();
            AuditRows.append(write, caller.orgId(), caller.actor(),
                    "environment." + promotion.action().name().toLowerCase(), promotion.environmentId(), JsonObject.builder()
                            .put("sequence", new JsonNumber(promotion.sequence()))
                            .put("release_digest", promotion.releaseDigest())
                            .put("bundle_digest", promotion.bundleDigest())
                            .put("rollout", rolloutJson(promotion.rollout()))
                            .build());
            return promotion;
        });
    }

    @Override
    public Optional<ActiveBundle> activeBundle(Principal caller, String environmentId) {
        Authorizer.require(caller, Permission.READ_BUNDLE, environmentId);
        return transactions.read(handle -> handle.createQuery("SELECT " + PROMOTION_COLUMNS + ", bundle FROM promotions "
                        + "WHERE org_id = :org AND environment_id = :env ORDER BY sequence DESC LIMIT 1")
                .bind("org", caller.orgId()).bind("env", environmentId)
                .map((row, context) -> new ActiveBundle(promotionRow(row, context), row.getBytes("bundle")))
                .findOne());
    }

    @Override
    public List<Promotion> history(Principal caller, String environmentId) {
        Authorizer.require(caller, Permission.READ_RELEASES);
        return transactions.read(handle -> historyOf(handle, caller.orgId(), environmentId));
    }

    @Override
    public Map<String, Long> latestSequences() {
        Map<String, Long> latest = new HashMap<>();
        transactions.read(handle -> handle.createQuery("SELECT environment_id, MAX(sequence) AS latest FROM promotions GROUP BY environment_id")
                .map((row, context) -> Map.entry(row.getString("environment_id"), row.getLong("latest")))
                .list())
                .forEach(entry -> latest.put(entry.getKey(), entry.getValue()));
        return latest;
    }

    @Override
    public List<ActiveBundle> inForce(String environmentId) {
        return transactions.read(handle -> {
            // The newest promotion to every point, and every later (staged) one.
            long floor = handle.createQuery("SELECT COALESCE(MAX(sequence), 0) FROM promotions WHERE environment_id = :env AND rollout = :all")
                    .bind("env", environmentId).bind("all", Jcs.canonicalString(rolloutJson(Rollout.ALL)))
                    .mapTo(Long.class).one();
            return handle.createQuery("SELECT " + PROMOTION_COLUMNS + ", bundle FROM promotions "
                            + "WHERE environment_id = :env AND sequence >= :floor ORDER BY sequence DESC")
                    .bind("env", environmentId).bind("floor", floor)
                    .map((row, context) -> new ActiveBundle(promotionRow(row, context), row.getBytes("bundle")))
                    .list();
        });
    }

    static List<Promotion> historyOf(Handle handle, String orgId, String environmentId) {
        return handle.createQuery("SELECT " + PROMOTION_COLUMNS + " FROM promotions "
                        + "WHERE org_id = :org AND environment_id = :env ORDER BY sequence DESC")
                .bind("org", orgId).bind("env", environmentId)
                .map(JdbiRegistry::promotionRow)
                .list();
    }

    @Override
    public Optional<byte[]> bundle(Principal caller, String environmentId, long sequence) {
        Authorizer.require(caller, Permission.READ_BUNDLE, environmentId);
        return transactions.read(handle -> handle.createQuery("SELECT bundle FROM promotions "
                        + "WHERE org_id = :org AND environment_id = :env AND sequence = :sequence")
                .bind("org", caller.orgId()).bind("env", environmentId).bind("sequence", sequence)
                .map((row, context) -> row.getBytes("bundle"))
                .findOne());
    }

    private static void validate(NewRelease release) {
        if (!Digests.isSha256Hex(release.digest())) {
            throw FleetException.invalid("a release digest is a SHA-256 hex digest: " + release.digest());
        }
        if (release.kind() == null) {
            throw FleetException.invalid("a release needs a kind");
        }
        Names.require("release name", release.name());
        if (release.version() == null || !VERSION.matcher(release.version()).matches()) {
            throw FleetException.invalid("release version must be 1-64 characters of A-Z, a-z, 0-9, '.', '_', '+' or '-': "
                    + release.version());
        }
        requireText("author", release.author());
        requireText("source", release.source());
        int size = release.document().length;
        if (size == 0 || size > MAX_DOCUMENT_BYTES) {
            throw FleetException.invalid("a release document must have 1 to " + MAX_DOCUMENT_BYTES + " bytes");
        }
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank() || value.length() > 512) {
            throw FleetException.invalid("release " + what + " must be 1-512 characters");
        }
    }

    private static Optional<Release> findRelease(Handle handle, String orgId, String digest) {
        return handle.createQuery("SELECT " + RELEASE_COLUMNS + " FROM releases WHERE org_id = :org AND digest = :digest")
                .bind("org", orgId).bind("digest", digest)
                .map(JdbiRegistry::releaseRow)
                .findOne();
    }

    private static Optional<Promotion> latest(Handle handle, String orgId, String environmentId) {
        return handle.createQuery("SELECT " + PROMOTION_COLUMNS + " FROM promotions "
                        + "WHERE org_id = :org AND environment_id = :env ORDER BY sequence DESC LIMIT 1")
                .bind("org", orgId).bind("env", environmentId)
                .map(JdbiRegistry::promotionRow)
                .findOne();
    }

    private static JsonObject rolloutJson(Rollout rollout) {
        return JsonObject.builder()
                .put("labels", LabelsJson.toJson(rollout.labels()))
                .put("percent", new JsonNumber(rollout.percent()))
                .build();
    }

    private static Rollout rollout(String text) {
        JsonObject json = (JsonObject) JsonReader.strict().read(text);
        JsonObject labels = json.object("labels").orElse(JsonObject.EMPTY);
        int percent = (int) ((JsonNumber) json.get("percent").orElseThrow()).value();
        return new Rollout(LabelsJson.fromJson(labels), percent);
    }

    private static Release releaseRow(ResultSet row, StatementContext context) throws SQLException {
        return new Release(row.getString("org_id"), row.getString("digest"), ReleaseKind.fromWireName(row.getString("kind")),
                row.getString("name"), row.getString("version"), row.getString("author"), row.getString("source"),
                row.getLong("size"), row.getLong("created_at"));
    }

    private static Promotion promotionRow(ResultSet row, StatementContext context) throws SQLException {
        return new Promotion(row.getString("org_id"), row.getString("environment_id"), row.getLong("sequence"),
                Promotion.Action.valueOf(row.getString("action")), row.getString("release_digest"),
                row.getString("bundle_digest"), rollout(row.getString("rollout")), row.getString("promoted_by"),
                row.getLong("promoted_at"));
    }
}
