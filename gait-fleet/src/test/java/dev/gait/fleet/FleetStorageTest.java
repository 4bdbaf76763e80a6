package dev.gait.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.fleet.artifacts.FileArtifactStore;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.config.FleetConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetStorageTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedDefaultsCreateTheirFilesAndKeepStateAcrossRestarts() {
        Path dataDir = dir.resolve("data");
        FleetConfig config = FleetConfig.load(Optional.empty(), Map.of("GAIT_FLEET_DATA_DIR", dataDir.toString()));
        String token;
        String digest;
        try (FleetStorage storage = FleetStorage.open(config, Clock.systemUTC())) {
            assertThat(storage.artifacts()).isInstanceOf(FileArtifactStore.class);
            token = storage.store().tenancy().bootstrap("acme", "admin@acme.example").adminToken().token();
            Principal admin = storage.store().credentials().authenticate(token).orElseThrow();
            digest = storage.artifacts().put(admin.orgId(), "runpack".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(Files.isRegularFile(dataDir.resolve("fleet.db"))).isTrue();
        try (FleetStorage reopened = FleetStorage.open(config, Clock.systemUTC())) {
            Principal admin = reopened.store().credentials().authenticate(token).orElseThrow();
            assertThat(reopened.store().tenancy().organization(admin).name()).isEqualTo("acme");
            assertThat(reopened.artifacts().get(admin.orgId(), digest)).isPresent();
        }
    }
}
