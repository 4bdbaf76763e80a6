package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gait fleet bootstrap} on the embedded store; {@code gait fleet serve} is exercised by the launcher tests and gait-fleet's. */
class FleetCommandsTest {
    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.systemUTC());
    }

    @Test
    void bootstrap_creates_the_data_directory_and_prints_the_admin_token_once_and_a_taken_name_is_refused() {
        JsonObject created = cli().run("fleet", "bootstrap", "--data-dir", "cp", "--org", "acme", "--admin", "admin@acme.example", "--json").json();
        assertThat(created.string("org_id")).hasValueSatisfying(id -> assertThat(id).startsWith("org_"));
        assertThat(created.string("admin_token")).hasValueSatisfying(token -> assertThat(token).startsWith("gait_cred_"));
        assertThat(dir.resolve("cp/fleet.db")).exists();

        CliRunner.Result again = cli().run("fleet", "bootstrap", "--data-dir", "cp", "--org", "acme", "--admin", "other@acme.example");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stdout() + again.stderr()).doesNotContain("gait_cred_");
    }

    @Test
    void bootstrap_without_org_or_admin_is_a_usage_error() {
        CliRunner.Result missing = cli().run("fleet", "bootstrap", "--data-dir", "cp", "--org", "acme");
        assertThat(missing.exitCode()).isEqualTo(6);
        assertThat(dir.resolve("cp")).doesNotExist();
    }
}
