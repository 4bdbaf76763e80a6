package dev.gait.fleet.e2e;

import dev.gait.fleet.config.FleetConfig;
import java.nio.file.Path;
import java.util.Optional;

/** The acceptance scenario on the embedded defaults: a SQLite file and artifacts on the filesystem. */
class SqliteFleetEndToEndTest extends FleetEndToEndTest {

    @Override
    FleetConfig config(Path dataDir) {
        return new FleetConfig(dataDir, Optional.empty(), Optional.empty());
    }
}
