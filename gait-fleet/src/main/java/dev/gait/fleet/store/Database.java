package dev.gait.fleet.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A pooled connection to the store's database. */
public final class Database implements AutoCloseable {

    /** How long a SQLite writer waits for another to finish before failing. */
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * The embedded database: one SQLite file in WAL mode with foreign keys on. Transactions start
     * as writers ({@code BEGIN IMMEDIATE}), so two writers queue instead of failing on upgrade.
     */
    public static Database sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("gait-fleet-sqlite");
        pool.setMaximumPoolSize(4);
        return new Database(new HikariDataSource(pool));
    }

    /** A PostgreSQL server, e.g. {@code jdbc:postgresql://db:5432/gait}. */
    public static Database postgres(String jdbcUrl, String user, String password, int maxConnections) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setPoolName("gait-fleet-postgres");
        pool.setMaximumPoolSize(maxConnections);
        return new Database(new HikariDataSource(pool));
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
