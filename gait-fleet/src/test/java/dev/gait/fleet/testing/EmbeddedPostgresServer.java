package dev.gait.fleet.testing;

import dev.gait.fleet.config.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded PostgreSQL server (real binaries) for a test class, handing out a new database per test. */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start() throws IOException {
        return new EmbeddedPostgresServer(EmbeddedPostgres.builder().start());
    }

    /** Creates an empty database named after {@code prefix} and returns how to reach it. */
    public DatabaseSettings newDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new DatabaseSettings(postgres.getJdbcUrl("postgres", name), "postgres", "postgres", 10);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
