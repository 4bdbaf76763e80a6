package dev.gait.fleet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.fleet.FleetClient;
import dev.gait.fleet.FleetStorage;
import dev.gait.fleet.config.DatabaseSettings;
import dev.gait.fleet.config.FleetConfig;
import dev.gait.fleet.http.FleetServer;
import dev.gait.fleet.testing.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance scenario on PostgreSQL (embedded binaries, a new database per test), and two
 * stateless replicas on one database: a promotion made through one reaches points polling the other.
 */
class PostgresFleetEndToEndTest extends FleetEndToEndTest {
    private static EmbeddedPostgresServer postgres;
    private DatabaseSettings database;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    FleetConfig config(Path dataDir) throws Exception {
        database = postgres.newDatabase("fleet_e2e");
        return new FleetConfig(dataDir, Optional.of(database), Optional.empty());
    }

    @Test
    void a_promotion_made_through_one_replica_reaches_points_polling_another() throws Exception {
        FleetStorage second = FleetStorage.open(new FleetConfig(dir.resolve("control-plane"), Optional.of(database), Optional.empty()),
                Clock.systemUTC());
        running.add(second);
        FleetServer replica = startServer(second);
        String env = environment("a");
        Point point = register(env, "sidecar-a");
        String p1 = publish(P1, "1.0.0");
        String p2 = publish(P2, "2.0.0");
        promote(env, p1);
        FleetSidecar sidecar = sidecarOn(replica.url(), env, point, "replica");
        await("the sidecar on the replica enforces P1", () -> sidecar.verdict().equals("allow"));

        promote(env, p2);
        await("the sidecar on the replica enforces P2", () -> sidecar.verdict().equals("block"));
        assertThat(new FleetClient(replica::url).get("/v1/environments/" + env + "/bundle", point.token(), null).body()).contains(p2);
    }
}
