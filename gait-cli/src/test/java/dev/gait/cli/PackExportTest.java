package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export writes what a real PostgreSQL loads and what an OTLP/JSON reader accepts, and only for packs that verify. */
class PackExportTest {

    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;
    private PackCli cli;
    private String pack;
    private String packId;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void setUp() {
        cli = new PackCli(dir);
        JsonObject built = cli.build("--from", "run_demo");
        pack = built.string("path").orElseThrow();
        packId = built.string("pack_id").orElseThrow();
    }

    @Test
    void the_sql_loads_into_postgresql_and_upserts_one_row_per_pack() throws Exception {
        for (int run = 0; run < 2; run++) {
            CliRunner.Result export = cli.run("pack", "export", pack, "--postgres-sql-out", "index.sql",
                    "--postgres-table", "evidence.gait_pack_index", "--json");
            assertThat(export.exitCode()).as(export.stdout()).isZero();
            execute("CREATE SCHEMA IF NOT EXISTS evidence;\n" + Files.readString(dir.resolve("index.sql")));
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pack_id, pack_type, source_ref, signature_status, signatures_valid,"
                     + " tool_calls_total, tool_calls_success_rate, created_at FROM evidence.gait_pack_index")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("pack_id")).isEqualTo(packId);
            assertThat(rows.getString("pack_type")).isEqualTo("run");
            assertThat(rows.getString("source_ref")).isEqualTo("run_demo");
            assertThat(rows.getString("signature_status")).isEqualTo("verified");
            assertThat(rows.getInt("signatures_valid")).isEqualTo(1);
            assertThat(rows.getInt("tool_calls_total")).isEqualTo(3);
            assertThat(rows.getDouble("tool_calls_success_rate")).isEqualTo(1.0);
            assertThat(rows.getTimestamp("created_at").toInstant()).hasToString("1980-01-01T00:00:00Z");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void the_sql_without_ddl_inserts_into_an_existing_table() throws Exception {
        cli.run("pack", "export", pack, "--postgres-sql-out", "ddl.sql", "--postgres-table", "plain_index");
        String ddl = Files.readString(dir.resolve("ddl.sql"));
        execute(ddl.substring(0, ddl.indexOf("INSERT INTO")));
        assertThat(cli.run("pack", "export", pack, "--postgres-sql-out", "rows.sql", "--postgres-table", "plain_index",
                "--postgres-include-ddl=false").exitCode()).isZero();
        String rows = Files.readString(dir.resolve("rows.sql"));
        assertThat(rows).startsWith("INSERT INTO \"plain_index\"").doesNotContain("CREATE");
        execute(rows);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM plain_index WHERE pack_id = '" + packId + "'")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void otel_export_appends_one_otlp_json_logs_request_per_export() throws Exception {
        for (int run = 0; run < 2; run++) {
            assertThat(cli.run("pack", "export", pack, "--otel-out", "otel/pack.jsonl").exitCode()).isZero();
        }
        List<String> lines = Files.readAllLines(dir.resolve("otel/pack.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo(lines.get(0));

        JsonObject request = JsonReader.strict().readObject(lines.getFirst().getBytes(StandardCharsets.UTF_8));
        assertThat(request.members().keySet()).containsExactly("resourceLogs");
        JsonObject resourceLogs = only(request.array("resourceLogs").orElseThrow());
        assertThat(attributes(resourceLogs.object("resource").orElseThrow())).containsEntry("service.name", "gait");
        JsonObject scopeLogs = only(resourceLogs.array("scopeLogs").orElseThrow());
        assertThat(scopeLogs.object("scope").orElseThrow().string("name")).contains("gait.pack.export");

        List<JsonValue> logRecords = scopeLogs.array("logRecords").orElseThrow().elements();
        assertThat(logRecords).extracting(r -> bodyOf((JsonObject) r)).containsExactly("gait.pack.verify", "gait.pack.export.metadata",
                "gait.pack.tool_calls_total", "gait.pack.tool_calls_success_total", "gait.pack.tool_calls_success_rate",
                "gait.pack.policy_blocked_total", "gait.pack.approval_required_total", "gait.pack.regress_failures_total");
        Pattern hex = Pattern.compile("^[0-9a-f]+$");
        Set<String> logRecordFields = Set.of("timeUnixNano", "observedTimeUnixNano", "severityNumber", "severityText", "body",
                "attributes", "traceId", "spanId", "eventName");
        for (JsonValue value : logRecords) {
            JsonObject log = (JsonObject) value;
            assertThat(logRecordFields).containsAll(log.members().keySet());
            assertThat(log.string("timeUnixNano")).contains("315532800000000000");
            assertThat(log.get("severityNumber")).contains(new JsonNumber(9));
            assertThat(log.string("traceId")).contains(packId.substring(0, 32)).hasValueSatisfying(t -> assertThat(t).matches(hex));
            assertThat(log.string("spanId")).contains(packId.substring(32, 48));
            Map<String, Object> attributes = attributes(log);
            assertThat(attributes).containsEntry("gait.pack_id", packId).containsEntry("gait.integrity_ok", true)
                    .containsEntry("gait.files_checked", 5L).containsEntry("gait.signature_status", "verified");
        }
        Map<String, Object> rate = attributes((JsonObject) logRecords.get(4));
        assertThat(rate).containsEntry("gait.metric.value", 1.0).containsEntry("gait.metric.unit", "ratio");
        assertThat(attributes((JsonObject) logRecords.get(2))).containsEntry("gait.metric.value", 3L);
    }

    @Test
    void a_pack_that_fails_verification_is_refused_and_nothing_is_written() throws Exception {
        CliRunner.Result unsignedBuild = cli.run("pack", "build", "--from", "run_demo", "--unsigned", "--out", "unsigned.zip");
        assertThat(unsignedBuild.exitCode()).isZero();
        CliRunner.Result refused = cli.run("pack", "export", "unsigned.zip", "--otel-out", "o.jsonl", "--postgres-sql-out", "p.sql", "--json");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.json().string("error")).hasValueSatisfying(e -> assertThat(e).startsWith("export refused:"));
        assertThat(dir.resolve("o.jsonl")).doesNotExist();
        assertThat(dir.resolve("p.sql")).doesNotExist();

        assertThat(cli.run("pack", "export", "unsigned.zip", "--postgres-sql-out", "p.sql", "--allow-unsigned").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("p.sql"))).contains("'missing'");

        assertThat(cli.run("pack", "export", pack, "--postgres-sql-out", "x.sql", "--postgres-table", "bad-name").exitCode()).isEqualTo(6);
        assertThat(cli.run("pack", "export", pack).exitCode()).isEqualTo(6);
        assertThat(dir.resolve("x.sql")).doesNotExist();
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static JsonObject only(JsonArray array) {
        assertThat(array.size()).isEqualTo(1);
        return (JsonObject) array.get(0);
    }

    private static String bodyOf(JsonObject log) {
        JsonObject body = log.object("body").orElseThrow();
        assertThat(body.members().keySet()).containsExactly("stringValue");
        return body.string("stringValue").orElseThrow();
    }

    /** OTLP attributes as a map; each value must be exactly one typed AnyValue, 64-bit integers as decimal strings. */
    private static Map<String, Object> attributes(JsonObject owner) {
        Map<String, Object> attributes = new HashMap<>();
        for (JsonValue element : owner.array("attributes").orElseThrow().elements()) {
            JsonObject attribute = (JsonObject) element;
            assertThat(attribute.members().keySet()).containsExactlyInAnyOrder("key", "value");
            JsonObject value = attribute.object("value").orElseThrow();
            assertThat(value.size()).isEqualTo(1);
            String type = value.members().keySet().iterator().next();
            JsonValue typed = value.members().get(type);
            Object parsed = switch (type) {
                case "stringValue" -> ((JsonString) typed).value();
                case "intValue" -> Long.parseLong(((JsonString) typed).value());
                case "doubleValue" -> ((JsonNumber) typed).value();
                case "boolValue" -> typed == dev.gait.core.json.JsonBoolean.TRUE;
                default -> throw new AssertionError("not an OTLP AnyValue: " + type);
            };
            attributes.put(attribute.string("key").orElseThrow(), parsed);
        }
        return attributes;
    }
}
