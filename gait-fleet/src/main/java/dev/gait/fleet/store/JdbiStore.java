package dev.gait.fleet.store;

import dev.gait.fleet.audit.AuditLog;
import dev.gait.fleet.credentials.Credentials;
import dev.gait.fleet.ingest.ArtifactIndex;
import dev.gait.fleet.posture.Posture;
import dev.gait.fleet.registry.Registry;
import dev.gait.fleet.tenancy.Tenancy;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** The store over JDBC: SQLite or PostgreSQL, one schema migrated by Flyway on open. */
public final class JdbiStore implements Store {

    static final String MIGRATIONS = "classpath:db/migration/fleet";

    private final Database database;
    private final Transactions transactions;
    private final Tenancy tenancy;
    private final Credentials credentials;
    private final Registry registry;
    private final AuditLog audit;
    private final ArtifactIndex artifactIndex;
    private final Posture posture;

    private JdbiStore(Database database, Clock clock) {
        this.database = database;
        this.transactions = new Transactions(Jdbi.create(database.dataSource()), clock);
        this.tenancy = new JdbiTenancy(transactions);
        this.credentials = new JdbiCredentials(transactions);
        this.registry = new JdbiRegistry(transactions);
        this.audit = new JdbiAuditLog(transactions);
        this.artifactIndex = new JdbiArtifactIndex(transactions);
        this.posture = new JdbiPosture(transactions, clock);
    }

    /** Migrates the database to the current schema and opens the store; closing the store closes the database. */
    public static JdbiStore open(Database database, Clock clock) {
        try {
            migrate(database.dataSource());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new JdbiStore(database, clock);
    }

    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .load()
                .migrate();
    }

    @Override
    public Tenancy tenancy() {
        return tenancy;
    }

    @Override
    public Credentials credentials() {
        return credentials;
    }

    @Override
    public Registry registry() {
        return registry;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public ArtifactIndex artifactIndex() {
        return artifactIndex;
    }

    @Override
    public Posture posture() {
        return posture;
    }

    @Override
    public boolean ready() {
        try {
            return transactions.read(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
