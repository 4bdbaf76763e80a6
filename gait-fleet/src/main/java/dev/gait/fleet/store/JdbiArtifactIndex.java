package dev.gait.fleet.store;

import dev.gait.core.digest.Digests;
import dev.gait.fleet.auth.Authorizer;
import dev.gait.fleet.auth.Permission;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.ingest.ArtifactIndex;
import dev.gait.fleet.ingest.ArtifactKind;
import dev.gait.fleet.ingest.ArtifactQuery;
import dev.gait.fleet.ingest.IngestedArtifact;
import dev.gait.fleet.ingest.NewArtifact;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbiArtifactIndex implements ArtifactIndex {

    private static final int MAX_TEXT = 256;
    private static final String COLUMNS = "org_id, digest, kind, run_id, verdict, environment_id, uploaded_by, size_bytes, ingested_at";

    private final Transactions transactions;

    JdbiArtifactIndex(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public IngestedArtifact record(Principal caller, NewArtifact artifact) {
        Authorizer.require(caller, Permission.UPLOAD_ARTIFACT, artifact.environmentId());
        validate(artifact);
        return transactions.write(write -> {
            Handle handle = write.handle();
            Optional<IngestedArtifact> existing = find(handle, caller.orgId(), artifact.digest());
            if (existing.isPresent()) {
                return existing.get();
            }
            if (artifact.environmentId() != null) {
                JdbiTenancy.requireEnvironment(handle, caller.orgId(), artifact.environmentId());
            }
            handle.createUpdate("INSERT INTO artifacts (" + COLUMNS + ") VALUES "
                            + "(:org, :digest, :kind, :run, :verdict, :env, :by, :size, :now)")
                    .bind("org", caller.orgId()).bind("digest", artifact.digest()).bind("kind", artifact.kind().wireName())
                    .bind("run", artifact.runId()).bind("verdict", artifact.verdict()).bind("env", artifact.environmentId())
                    .bind("by", caller.actor()).bind("size", artifact.sizeBytes()).bind("now", write.now())
                    .execute();
            return find(handle, caller.orgId(), artifact.digest()).orElseThrow();
        });
    }

    @Override
    public List<IngestedArtifact> find(Principal caller, ArtifactQuery query) {
        Authorizer.require(caller, Permission.READ_ARTIFACTS);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM artifacts WHERE org_id = :org");
        query.runId().ifPresent(value -> sql.append(" AND run_id = :run"));
        query.digest().ifPresent(value -> sql.append(" AND digest = :digest"));
        query.verdict().ifPresent(value -> sql.append(" AND verdict = :verdict"));
        query.fromMillis().ifPresent(value -> sql.append(" AND ingested_at >= :from"));
        query.toMillis().ifPresent(value -> sql.append(" AND ingested_at < :to"));
        sql.append(" ORDER BY ingested_at DESC, digest LIMIT :limit");
        int limit = Math.clamp(query.limit(), 1, ArtifactQuery.MAX_LIMIT);
        return transactions.read(handle -> {
            Query statement = handle.createQuery(sql.toString()).bind("org", caller.orgId()).bind("limit", limit);
            query.runId().ifPresent(value -> statement.bind("run", value));
            query.digest().ifPresent(value -> statement.bind("digest", value));
            query.verdict().ifPresent(value -> statement.bind("verdict", value));
            query.fromMillis().ifPresent(value -> statement.bind("from", value));
            query.toMillis().ifPresent(value -> statement.bind("to", value));
            return statement.map(JdbiArtifactIndex::artifactRow).list();
        });
    }

    private static void validate(NewArtifact artifact) {
        if (!Digests.isSha256Hex(artifact.digest())) {
            throw FleetException.invalid("not a SHA-256 digest: " + artifact.digest());
        }
        if (artifact.kind() == null) {
            throw FleetException.invalid("an artifact needs a kind");
        }
        if (artifact.runId() == null || artifact.runId().length() > MAX_TEXT
                || artifact.verdict() == null || artifact.verdict().length() > MAX_TEXT) {
            throw FleetException.invalid("run id and verdict must be at most " + MAX_TEXT + " characters (empty when absent)");
        }
        if (artifact.sizeBytes() < 0) {
            throw FleetException.invalid("an artifact size cannot be negative");
        }
    }

    private static Optional<IngestedArtifact> find(Handle handle, String orgId, String digest) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM artifacts WHERE org_id = :org AND digest = :digest")
                .bind("org", orgId).bind("digest", digest)
                .map(JdbiArtifactIndex::artifactRow)
                .findOne();
    }

    private static IngestedArtifact artifactRow(ResultSet row, StatementContext context) throws SQLException {
        return new IngestedArtifact(row.getString("org_id"), row.getString("digest"), ArtifactKind.fromWireName(row.getString("kind")),
                row.getString("run_id"), row.getString("verdict"), Optional.ofNullable(row.getString("environment_id")),
                row.getString("uploaded_by"), row.getLong("size_bytes"), row.getLong("ingested_at"));
    }
}
