package dev.gait.fleet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.GaitException;
import dev.gait.fleet.artifacts.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetConfigTest {

    @TempDir
    Path dir;

    @Test
    void withoutFileOrEnvironmentEverythingIsEmbeddedUnderTheDefaultDataDirectory() {
        FleetConfig config = FleetConfig.load(Optional.empty(), Map.of());

        assertThat(config.dataDir()).isEqualTo(Path.of(FleetConfig.DEFAULT_DATA_DIR));
        assertThat(config.database()).isEmpty();
        assertThat(config.s3()).isEmpty();
        assertThat(config.sqliteFile()).isEqualTo(Path.of(FleetConfig.DEFAULT_DATA_DIR, "fleet.db"));
        assertThat(config.artifactsDir()).isEqualTo(Path.of(FleetConfig.DEFAULT_DATA_DIR, "artifacts"));
    }

    @Test
    void aFileSelectsPostgresAndS3WithThePasswordFromTheEnvironment() throws IOException {
        Path file = write("""
                data_dir: /var/lib/gait-fleet
                database:
                  url: jdbc:postgresql://db:5432/gait
                  user: gait
                  max_connections: 20
                artifacts:
                  s3:
                    bucket: gait-artifacts
                    region: eu-west-1
                    endpoint: http://minio:9000
                    path_style: true
                """);

        FleetConfig config = FleetConfig.load(Optional.of(file), Map.of("GAIT_FLEET_DB_PASSWORD", "pw"));

        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/gait-fleet"));
        assertThat(config.database()).contains(new DatabaseSettings("jdbc:postgresql://db:5432/gait", "gait", "pw", 20));
        assertThat(config.database().orElseThrow().toString()).doesNotContain("pw,");
        assertThat(config.s3()).contains(new S3Settings("gait-artifacts", "eu-west-1", Optional.of(URI.create("http://minio:9000")), true));
    }

    @Test
    void theEnvironmentOverridesTheFile() throws IOException {
        Path file = write("""
                database:
                  url: jdbc:postgresql://db:5432/gait
                """);

        FleetConfig config = FleetConfig.load(Optional.of(file), Map.of(
                "GAIT_FLEET_DATA_DIR", "/data",
                "GAIT_FLEET_DB_URL", "jdbc:postgresql://other:5432/fleet",
                "GAIT_FLEET_DB_USER", "fleet",
                "GAIT_FLEET_S3_BUCKET", "bucket",
                "GAIT_FLEET_S3_PATH_STYLE", "true"));

        assertThat(config.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(config.database().orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://other:5432/fleet");
        assertThat(config.database().orElseThrow().user()).isEqualTo("fleet");
        assertThat(config.s3()).contains(new S3Settings("bucket", "us-east-1", Optional.empty(), true));
    }

    @Test
    void mistakesAreRefusedWithTheirPlace() throws IOException {
        assertThatThrownBy(() -> FleetConfig.load(Optional.of(write("data_dri: x\n")), Map.of()))
                .isInstanceOf(GaitException.class).hasMessageContaining("data_dri");
        assertThatThrownBy(() -> FleetConfig.load(Optional.of(write("database:\n  password: secret\n")), Map.of()))
                .isInstanceOf(GaitException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> FleetConfig.load(Optional.of(write("database:\n  url: jdbc:mysql://db/gait\n")), Map.of()))
                .isInstanceOf(GaitException.class).hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> FleetConfig.load(Optional.of(write("artifacts:\n  gcs: {}\n")), Map.of()))
                .isInstanceOf(GaitException.class).hasMessageContaining("gcs");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("fleet.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
