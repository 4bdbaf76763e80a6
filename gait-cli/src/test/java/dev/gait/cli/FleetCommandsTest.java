package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import dev.gait.fleet.FleetStorage;
import dev.gait.fleet.auth.Principal;
import dev.gait.fleet.config.FleetConfig;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
    void audit_verify_accepts_the_store_s_export_and_names_an_edited_entry() throws Exception {
        cli().run("fleet", "bootstrap", "--data-dir", "cp", "--org", "acme", "--admin", "admin@acme.example");
        String head;
        try (FleetStorage storage = FleetStorage.open(new FleetConfig(dir.resolve("cp"), Optional.empty(), Optional.empty()), Clock.systemUTC())) {
            Principal admin = storage.store().credentials().authenticate(
                    storage.store().tenancy().bootstrap("globex", "admin@globex.example").adminToken().token()).orElseThrow();
            storage.store().tenancy().createEnvironment(admin, "prod", Map.of());
            StringWriter export = new StringWriter();
            storage.store().audit().export(admin, export);
            Files.writeString(dir.resolve("audit.jsonl"), export.toString());
            Files.writeString(dir.resolve("edited.jsonl"), export.toString().replace("\"prod\"", "\"dev\""));
            head = storage.store().audit().head(admin).orElseThrow().hash();
        }
        JsonObject ok = cli().run("fleet", "audit-verify", "audit.jsonl", "--head", head, "--json").json();
        assertThat(ok.get("ok")).contains(JsonBoolean.TRUE);
        assertThat(ok.string("head_hash")).contains(head);

        CliRunner.Result edited = cli().run("fleet", "audit-verify", "edited.jsonl", "--head", head);
        assertThat(edited.exitCode()).isEqualTo(2);
        assertThat(edited.stdout()).contains("audit failed").contains("problem:");
    }

    @Test
    void bootstrap_without_org_or_admin_is_a_usage_error() {
        CliRunner.Result missing = cli().run("fleet", "bootstrap", "--data-dir", "cp", "--org", "acme");
        assertThat(missing.exitCode()).isEqualTo(6);
        assertThat(dir.resolve("cp")).doesNotExist();
    }
}
