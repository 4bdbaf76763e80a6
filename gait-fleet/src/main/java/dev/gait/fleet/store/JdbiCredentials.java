package dev.gait.fleet.store;

import dev.gait.core.json.JsonObject;
import dev.gait.fleet.auth.Authorizer;
import dev.gait.fleet.auth.Permission;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.auth.Role;
import dev.gait.fleet.credentials.CredentialInfo;
import dev.gait.fleet.credentials.Credentials;
import dev.gait.fleet.credentials.IssuedCredential;
import dev.gait.fleet.credentials.SecretTokens;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.tenancy.EnforcementPoint;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbiCredentials implements Credentials {

    private static final String COLUMNS = "id, org_id, kind, subject_id, environment_id, salt, secret_hash, created_at, revoked_at";

    /** Compared against when the token names no stored credential, so that both cases cost the same. */
    private static final SecretTokens.Hashed UNKNOWN = SecretTokens.hash(SecretTokens.newSecret());

    private final Transactions transactions;

    JdbiCredentials(Transactions transactions) {
        this.transactions = transactions;
    }

    /** A credentials row including its hash, which never leaves this class. */
    private record Row(CredentialInfo info, String orgId, SecretTokens.Hashed hashed) {}

    @Override
    public IssuedCredential issueMachineCredential(Principal caller, String enforcementPointId) {
        Authorizer.require(caller, Permission.MANAGE_CREDENTIALS);
        return transactions.write(write -> {
            EnforcementPoint point = JdbiTenancy.findEnforcementPoint(write.handle(), caller.orgId(), enforcementPointId)
                    .orElseThrow(() -> FleetException.notFound("enforcement point " + enforcementPointId));
            IssuedCredential issued = CredentialRows.insert(
                    write, caller.orgId(), CredentialInfo.Kind.MACHINE, point.id(), point.environmentId());
            AuditRows.append(write, caller.orgId(), caller.actor(), "credential.issue", issued.id(), JsonObject.builder()
                    .put("kind", CredentialInfo.Kind.MACHINE.name().toLowerCase())
                    .put("enforcement_point_id", point.id())
                    .put("environment_id", point.environmentId())
                    .build());
            return issued;
        });
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        Optional<SecretTokens.Parsed> parsed = SecretTokens.parse(token);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        return transactions.read(handle -> {
            Optional<Row> row = find(handle, parsed.get().credentialId());
            boolean secretMatches = SecretTokens.matches(row.map(Row::hashed).orElse(UNKNOWN), parsed.get().secret());
            if (row.isEmpty() || !secretMatches || row.get().info().revoked()) {
                return Optional.empty();
            }
            return principal(handle, row.get());
        });
    }

    @Override
    public void revoke(Principal caller, String credentialId) {
        Authorizer.require(caller, Permission.MANAGE_CREDENTIALS);
        transactions.write(write -> {
            Row row = find(write.handle(), credentialId)
                    .filter(found -> found.orgId().equals(caller.orgId()))
                    .orElseThrow(() -> FleetException.notFound("credential " + credentialId));
            if (row.info().revoked()) {
                return null;
            }
            write.handle().createUpdate("UPDATE credentials SET revoked_at = :now WHERE id = :id AND org_id = :org")
                    .bind("now", write.now()).bind("id", credentialId).bind("org", caller.orgId()).execute();
            AuditRows.append(write, caller.orgId(), caller.actor(), "credential.revoke", credentialId, JsonObject.EMPTY);
            return null;
        });
    }

    @Override
    public List<CredentialInfo> list(Principal caller) {
        Authorizer.require(caller, Permission.MANAGE_CREDENTIALS);
        return transactions.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM credentials WHERE org_id = :org ORDER BY created_at, id")
                .bind("org", caller.orgId())
                .map(JdbiCredentials::row)
                .list()
                .stream()
                .map(Row::info)
                .toList());
    }

    private static Optional<Row> find(Handle handle, String credentialId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM credentials WHERE id = :id")
                .bind("id", credentialId)
                .map(JdbiCredentials::row)
                .findOne();
    }

    /** The principal of a valid credential; empty when its subject no longer exists. */
    private static Optional<Principal> principal(Handle handle, Row row) {
        CredentialInfo info = row.info();
        return switch (info.kind()) {
            case USER -> handle.createQuery("SELECT role FROM users WHERE id = :id AND org_id = :org")
                    .bind("id", info.subjectId()).bind("org", row.orgId())
                    .mapTo(String.class)
                    .findOne()
                    .map(role -> new Principal.User(row.orgId(), info.subjectId(), Role.valueOf(role)));
            case MACHINE -> Optional.of(new Principal.Machine(
                    row.orgId(), info.subjectId(), info.environmentId().orElseThrow(), info.id()));
        };
    }

    private static Row row(ResultSet row, StatementContext context) throws SQLException {
        long revokedAt = row.getLong("revoked_at");
        Optional<Long> revoked = row.wasNull() ? Optional.empty() : Optional.of(revokedAt);
        CredentialInfo info = new CredentialInfo(
                row.getString("id"),
                CredentialInfo.Kind.valueOf(row.getString("kind")),
                row.getString("subject_id"),
                Optional.ofNullable(row.getString("environment_id")),
                row.getLong("created_at"),
                revoked);
        return new Row(info, row.getString("org_id"), new SecretTokens.Hashed(row.getString("salt"), row.getString("secret_hash")));
    }
}
