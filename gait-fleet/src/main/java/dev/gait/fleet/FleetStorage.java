package dev.gait.fleet;

import dev.gait.fleet.artifacts.ArtifactStore;
import dev.gait.fleet.artifacts.FileArtifactStore;
import dev.gait.fleet.artifacts.S3ArtifactStore;
import dev.gait.fleet.config.DatabaseSettings;
import dev.gait.fleet.config.FleetConfig;
import dev.gait.fleet.store.Database;
import dev.gait.fleet.store.JdbiStore;
import dev.gait.fleet.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The store and artifact store a configuration selects, opened together and closed together. */
public record FleetStorage(Store store, ArtifactStore artifacts) implements AutoCloseable {

    /**
     * Opens what {@code config} names, creating the data directory for the embedded defaults. S3
     * credentials come from the AWS SDK's default chain (environment, profile, instance role).
     */
    public static FleetStorage open(FleetConfig config, Clock clock) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + config.dataDir(), e);
        }
        Database database = config.database()
                .map(FleetStorage::postgres)
                .orElseGet(() -> Database.sqlite(config.sqliteFile()));
        Store store = JdbiStore.open(database, clock);
        try {
            ArtifactStore artifacts = config.s3()
                    .<ArtifactStore>map(s3 -> S3ArtifactStore.connect(s3, DefaultCredentialsProvider.builder().build()))
                    .orElseGet(() -> new FileArtifactStore(config.artifactsDir()));
            return new FleetStorage(store, artifacts);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static Database postgres(DatabaseSettings settings) {
        return Database.postgres(settings.jdbcUrl(), settings.user(), settings.password(), settings.maxConnections());
    }

    @Override
    public void close() {
        try (store; artifacts) {
            // both closed, the artifact store first
        }
    }
}
