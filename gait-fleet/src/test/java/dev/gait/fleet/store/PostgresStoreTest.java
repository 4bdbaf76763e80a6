package dev.gait.fleet.store;

import dev.gait.fleet.config.DatabaseSettings;
import dev.gait.fleet.testing.EmbeddedPostgresServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store on PostgreSQL: one embedded server for the class, a new database for each test. */
class PostgresStoreTest extends StoreConformance {
    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    protected Database newDatabase() throws Exception {
        DatabaseSettings database = postgres.newDatabase("fleet");
        return Database.postgres(database.jdbcUrl(), database.user(), database.password(), database.maxConnections());
    }
}
