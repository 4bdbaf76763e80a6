package dev.gait.fleet.store;

import dev.gait.core.json.JsonObject;
import dev.gait.fleet.auth.Authorizer;
import dev.gait.fleet.auth.Permission;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.auth.Role;
import dev.gait.fleet.credentials.CredentialInfo;
import dev.gait.fleet.credentials.IssuedCredential;
import dev.gait.fleet.error.FleetException;
import dev.gait.fleet.tenancy.Bootstrap;
import dev.gait.fleet.tenancy.EnforcementPoint;
import dev.gait.fleet.tenancy.Environment;
import dev.gait.fleet.tenancy.Names;
import dev.gait.fleet.tenancy.Organization;
import dev.gait.fleet.tenancy.Tenancy;
import dev.gait.fleet.tenancy.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

final class JdbiTenancy implements Tenancy {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final String BOOTSTRAP_ACTOR = "operator:bootstrap";
    private static final String ENVIRONMENT_COLUMNS = "id, org_id, name, labels, created_at";
    private static final String POINT_COLUMNS = "id, org_id, environment_id, name, labels, registered_at";

    private final Transactions transactions;

    JdbiTenancy(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Bootstrap bootstrap(String organizationName, String adminEmail) {
        Names.require("organisation name", organizationName);
        if (adminEmail == null || !EMAIL.matcher(adminEmail).matches()) {
            throw FleetException.invalid("admin email must look like name@domain: " + adminEmail);
        }
        return transactions.write(write -> {
            Handle handle = write.handle();
            if (handle.createQuery("SELECT id FROM organizations WHERE name = :name")
                    .bind("name", organizationName).mapTo(String.class).findOne().isPresent()) {
                throw FleetException.conflict("organisation " + organizationName + " already exists");
            }
            Organization org = new Organization(RandomIds.next("org"), organizationName, write.now());
            handle.createUpdate("INSERT INTO organizations (id, name, created_at) VALUES (:id, :name, :now)")
                    .bind("id", org.id()).bind("name", org.name()).bind("now", org.createdAtMillis()).execute();
            User admin = new User(RandomIds.next("user"), org.id(), adminEmail, Role.ADMIN, write.now());
            handle.createUpdate("INSERT INTO users (id, org_id, email, role, created_at) VALUES (:id, :org, :email, :role, :now)")
                    .bind("id", admin.id()).bind("org", org.id()).bind("email", adminEmail)
                    .bind("role", admin.role().name()).bind("now", admin.createdAtMillis()).execute();
            IssuedCredential token = CredentialRows.insert(write, org.id(), CredentialInfo.Kind.USER, admin.id(), null);
            AuditRows.append(write, org.id(), BOOTSTRAP_ACTOR, "organization.bootstrap", org.id(), JsonObject.builder()
                    .put("name", org.name())
                    .put("admin_user_id", admin.id())
                    .put("admin_email", adminEmail)
                    .put("credential_id", token.id())
                    .build());
            return new Bootstrap(org, admin, token);
        });
    }

    @Override
    public Organization organization(Principal caller) {
        return transactions.read(handle -> handle.createQuery("SELECT id, name, created_at FROM organizations WHERE id = :org")
                .bind("org", caller.orgId())
                .map((row, context) -> new Organization(row.getString("id"), row.getString("name"), row.getLong("created_at")))
                .findOne()
                .orElseThrow(() -> FleetException.notFound("organisation " + caller.orgId())));
    }

    @Override
    public Environment createEnvironment(Principal caller, String name, Map<String, String> labels) {
        Authorizer.require(caller, Permission.MANAGE_TENANCY);
        Names.require("environment name", name);
        Map<String, String> checkedLabels = Names.requireLabels(labels);
        return transactions.write(write -> {
            Handle handle = write.handle();
            if (handle.createQuery("SELECT id FROM environments WHERE org_id = :org AND name = :name")
                    .bind("org", caller.orgId()).bind("name", name).mapTo(String.class).findOne().isPresent()) {
                throw FleetException.conflict("environment " + name + " already exists");
            }
            Environment environment = new Environment(RandomIds.next("env"), caller.orgId(), name, checkedLabels, write.now());
            handle.createUpdate("INSERT INTO environments (" + ENVIRONMENT_COLUMNS + ") VALUES (:id, :org, :name, :labels, :now)")
                    .bind("id", environment.id()).bind("org", caller.orgId()).bind("name", name)
                    .bind("labels", LabelsJson.write(checkedLabels)).bind("now", write.now()).execute();
            AuditRows.append(write, caller.orgId(), caller.actor(), "environment.create", environment.id(), JsonObject.builder()
                    .put("name", name)
                    .put("labels", LabelsJson.toJson(checkedLabels))
                    .build());
            return environment;
        });
    }

    @Override
    public List<Environment> environments(Principal caller) {
        Authorizer.require(caller, Permission.READ_TENANCY);
        return transactions.read(handle -> handle.createQuery(
                        "SELECT " + ENVIRONMENT_COLUMNS + " FROM environments WHERE org_id = :org ORDER BY name")
                .bind("org", caller.orgId())
                .map(JdbiTenancy::environmentRow)
                .list());
    }

    @Override
    public Optional<Environment> environment(Principal caller, String environmentId) {
        Authorizer.require(caller, Permission.READ_TENANCY);
        return transactions.read(handle -> findEnvironment(handle, caller.orgId(), environmentId));
    }

    @Override
    public EnforcementPoint registerEnforcementPoint(
            Principal caller, String environmentId, String name, Map<String, String> labels) {
        Authorizer.require(caller, Permission.MANAGE_TENANCY);
        Names.require("enforcement point name", name);
        Map<String, String> checkedLabels = Names.requireLabels(labels);
        return transactions.write(write -> {
            Handle handle = write.handle();
            requireEnvironment(handle, caller.orgId(), environmentId);
            if (handle.createQuery("SELECT id FROM enforcement_points WHERE environment_id = :env AND name = :name")
                    .bind("env", environmentId).bind("name", name).mapTo(String.class).findOne().isPresent()) {
                throw FleetException.conflict("enforcement point " + name + " is already registered in " + environmentId);
            }
            EnforcementPoint point = new EnforcementPoint(
                    RandomIds.next("ep"), caller.orgId(), environmentId, name, checkedLabels, write.now());
            handle.createUpdate("INSERT INTO enforcement_points (" + POINT_COLUMNS + ") VALUES (:id, :org, :env, :name, :labels, :now)")
                    .bind("id", point.id()).bind("org", caller.orgId()).bind("env", environmentId).bind("name", name)
                    .bind("labels", LabelsJson.write(checkedLabels)).bind("now", write.now()).execute();
            AuditRows.append(write, caller.orgId(), caller.actor(), "enforcement_point.register", point.id(), JsonObject.builder()
                    .put("environment_id", environmentId)
                    .put("name", name)
                    .put("labels", LabelsJson.toJson(checkedLabels))
                    .build());
            return point;
        });
    }

    @Override
    public List<EnforcementPoint> enforcementPoints(Principal caller, String environmentId) {
        Authorizer.require(caller, Permission.READ_TENANCY);
        return transactions.read(handle -> enforcementPointsOf(handle, caller.orgId(), environmentId));
    }

    @Override
    public Optional<EnforcementPoint> enforcementPoint(Principal caller, String enforcementPointId) {
        // A machine may read its own point (its labels select its bundle), nothing else.
        boolean itself = caller instanceof Principal.Machine machine && machine.enforcementPointId().equals(enforcementPointId);
        if (!itself) {
            Authorizer.require(caller, Permission.READ_TENANCY);
        }
        return transactions.read(handle -> findEnforcementPoint(handle, caller.orgId(), enforcementPointId));
    }

    static Optional<Environment> findEnvironment(Handle handle, String orgId, String environmentId) {
        return handle.createQuery("SELECT " + ENVIRONMENT_COLUMNS + " FROM environments WHERE org_id = :org AND id = :id")
                .bind("org", orgId)
                .bind("id", environmentId)
                .map(JdbiTenancy::environmentRow)
                .findOne();
    }

    /** The environment of the organisation, or not found (also when it belongs to another organisation). */
    static Environment requireEnvironment(Handle handle, String orgId, String environmentId) {
        return findEnvironment(handle, orgId, environmentId)
                .orElseThrow(() -> FleetException.notFound("environment " + environmentId));
    }

    static List<EnforcementPoint> enforcementPointsOf(Handle handle, String orgId, String environmentId) {
        return handle.createQuery("SELECT " + POINT_COLUMNS
                        + " FROM enforcement_points WHERE org_id = :org AND environment_id = :env ORDER BY name")
                .bind("org", orgId)
                .bind("env", environmentId)
                .map(JdbiTenancy::enforcementPointRow)
                .list();
    }

    static Optional<EnforcementPoint> findEnforcementPoint(Handle handle, String orgId, String enforcementPointId) {
        return handle.createQuery("SELECT " + POINT_COLUMNS + " FROM enforcement_points WHERE org_id = :org AND id = :id")
                .bind("org", orgId)
                .bind("id", enforcementPointId)
                .map(JdbiTenancy::enforcementPointRow)
                .findOne();
    }

    private static Environment environmentRow(ResultSet row, StatementContext context) throws SQLException {
        return new Environment(row.getString("id"), row.getString("org_id"), row.getString("name"),
                LabelsJson.read(row.getString("labels")), row.getLong("created_at"));
    }

    private static EnforcementPoint enforcementPointRow(ResultSet row, StatementContext context) throws SQLException {
        return new EnforcementPoint(row.getString("id"), row.getString("org_id"), row.getString("environment_id"),
                row.getString("name"), LabelsJson.read(row.getString("labels")), row.getLong("registered_at"));
    }
}
