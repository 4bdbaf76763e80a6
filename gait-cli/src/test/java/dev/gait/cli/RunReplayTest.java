package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.zip.SafeZip;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stub replay by default; real replay only with every interlock, and the replay writes its own runpack. */
class RunReplayTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data", exchange -> {
            hits.incrementAndGet();
            byte[] body = "fresh-body-42".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private CliRunner cli(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of("GAIT_HOME", dir.resolve("home").toString(), "HOME", dir.resolve("home").toString()));
        env.putAll(extraEnv);
        return new CliRunner(dir, env, Clock.systemUTC());
    }

    private CliRunner cli() {
        return cli(Map.of());
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data";
    }

    /** A recorded run of one HTTP fetch whose recorded answer is stale. */
    private void recordFetchRun(String captureMode) throws Exception {
        Files.writeString(dir.resolve("run.json"), """
                {"run":{"run_id":"run_fetch","created_at":"2026-11-01T00:00:00Z"},
                 "intents":[{"intent_id":"intent_1","tool_name":"tool.fetch","args":{"url":"%s"}}],
                 "results":[{"intent_id":"intent_1","status":"ok","result":{"body":"stale"}}]}
                """.formatted(url()));
        assertThat(cli().run("run", "record", "--input", "run.json", "--capture-mode", captureMode).exitCode()).isZero();
    }

    private CliRunner.Result realReplay(Map<String, String> env, String... flags) {
        List<String> args = new ArrayList<>(List.of("run", "replay", "run_fetch", "--json"));
        args.addAll(List.of(flags));
        return cli(env).run(args.toArray(String[]::new));
    }

    @Test
    void stub_replay_of_the_demo_replays_recorded_results_and_writes_the_same_verifiable_runpack_each_time() throws Exception {
        assertThat(cli().run("demo").exitCode()).isZero();
        CliRunner.Result replay = cli().run("run", "replay", "run_demo", "--json");
        assertThat(replay.exitCode()).as(replay.stdout()).isZero();
        JsonObject json = replay.json();
        assertThat(json.string("mode")).contains("stub");
        assertThat(replay.stdout()).contains("\"execution\":\"recorded\"").doesNotContain("\"real\"");
        Path pack = dir.resolve("gait-out/runpack_run_demo_replay.zip");
        byte[] first = Files.readAllBytes(pack);
        assertThat(cli().run("verify", pack.toString()).exitCode()).isZero();
        String demoDigest = cli().run("verify", "run_demo", "--json").json().string("manifest_digest").orElseThrow();
        try (SafeZip zip = SafeZip.open(pack)) {
            assertThat(Jcs.canonicalString(RunpackReader.read(zip, "replay").refs()))
                    .as("the replay names the runpack it replayed").contains("\"ref_id\":\"replay_source\"", demoDigest);
        }

        assertThat(cli().run("run", "replay", "run_demo").exitCode()).isZero();
        assertThat(Files.readAllBytes(pack)).as("stub replay is a pure function of the runpack").isEqualTo(first);
        assertThat(hits.get()).isZero();
    }

    @Test
    void calls_without_a_result_are_stubbed_by_tool_family_or_reported_missing_with_exit_2() throws Exception {
        Files.writeString(dir.resolve("run.json"), """
                {"run":{"run_id":"run_gaps","created_at":"2026-11-01T00:00:00Z"},
                 "intents":[{"intent_id":"intent_1","tool_name":"tool.query_db","args":{"q":"select 1"}},
                            {"intent_id":"intent_2","tool_name":"tool.summarize","args":{"text":"x"}}],
                 "results":[]}
                """);
        assertThat(cli().run("run", "record", "--input", "run.json").exitCode()).isZero();
        CliRunner.Result replay = cli().run("run", "replay", "run_gaps", "--json");
        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.json().array("missing_results").orElseThrow().toString()).contains("intent_2").doesNotContain("intent_1");
        assertThat(replay.stdout()).contains("\"stub_type\":\"db\"");
    }

    @Test
    void each_missing_interlock_refuses_with_exit_8_and_names_itself() throws Exception {
        recordFetchRun("raw");
        Map<String, String> allowed = Map.of("GAIT_ALLOW_REAL_REPLAY", "1");
        expectRefused(realReplay(allowed, "--real-tools", "--allow-tools", "tool.fetch"), "--unsafe-real-tools");
        expectRefused(realReplay(allowed, "--real-tools", "--unsafe-real-tools"), "--allow-tools");
        expectRefused(realReplay(Map.of(), "--real-tools", "--unsafe-real-tools", "--allow-tools", "tool.fetch"),
                "GAIT_ALLOW_REAL_REPLAY");
        expectRefused(realReplay(Map.of("GAIT_ALLOW_REAL_REPLAY", "yes"), "--real-tools", "--unsafe-real-tools", "--allow-tools",
                "tool.fetch"), "GAIT_ALLOW_REAL_REPLAY");
        expectRefused(realReplay(Map.of("SHLVL", "1"), "--real-tools", "--unsafe-real-tools", "--allow-tools", "tool.fetch",
                "--unsafe-real-tools-env", "SHLVL"), "GAIT_ALLOW_REAL_REPLAY");
        recordFetchRun("reference");
        expectRefused(realReplay(allowed, "--real-tools", "--unsafe-real-tools", "--allow-tools", "tool.fetch"), "capture_mode=raw");
        assertThat(hits.get()).as("no refused replay touched the server").isZero();

        CliRunner.Result unsafeAlone = cli().run("run", "replay", "run_fetch", "--unsafe-real-tools", "--json");
        assertThat(unsafeAlone.exitCode()).isZero();
        assertThat(unsafeAlone.json().string("mode")).contains("stub");
        assertThat(unsafeAlone.stdout()).contains("\"requested_unsafe\":true");
    }

    private void expectRefused(CliRunner.Result result, String interlock) {
        assertThat(result.exitCode()).as(result.stdout()).isEqualTo(8);
        assertThat(result.json().string("error").orElseThrow()).contains("interlock " + interlock + " missing");
    }

    @Test
    void with_every_interlock_an_http_get_really_runs_and_the_replay_runpack_records_the_new_result() throws Exception {
        recordFetchRun("raw");
        CliRunner.Result replay = realReplay(Map.of("GAIT_ALLOW_REAL_REPLAY", "1"), "--real-tools", "--unsafe-real-tools",
                "--allow-tools", "tool.fetch");
        assertThat(replay.exitCode()).as(replay.stdout()).isZero();
        assertThat(hits.get()).isEqualTo(1);
        assertThat(replay.json().string("mode")).contains("real");
        assertThat(replay.stdout()).contains("\"execution\":\"real\"", "\"executor\":\"http_get\"", "allow_tools=tool.fetch");

        RunpackReader.Records records;
        Path pack = dir.resolve(replay.json().string("replay_runpack").orElseThrow());
        try (SafeZip zip = SafeZip.open(pack)) {
            records = RunpackReader.read(zip, "replay");
        }
        JsonObject result = records.results().getFirst().object("result").orElseThrow();
        assertThat(result.string("body")).contains("fresh-body-42");
        assertThat(result.get("status_code").orElseThrow().toString()).contains("200");
        assertThat(records.run().string("run_id")).contains("run_fetch_replay");
        assertThat(cli().run("verify", pack.toString()).exitCode()).isZero();
    }

    @Test
    void file_reads_processes_and_user_executors_replay_for_real_only_when_allowed() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "current notes");
        Path program = dir.resolve("custom.sh");
        Files.writeString(program, "#!/bin/sh\ncat >/dev/null\necho '{\"status\":\"ok\",\"answer\":42}'\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(dir.resolve("run.json"), """
                {"run":{"run_id":"run_mixed","created_at":"2026-11-01T00:00:00Z"},
                 "intents":[{"intent_id":"intent_1","tool_name":"fs.read","args":{"path":"%s"}},
                            {"intent_id":"intent_2","tool_name":"shell.exec","args":{"argv":["/bin/echo","hello"]}},
                            {"intent_id":"intent_3","tool_name":"tool.custom","args":{"q":1}},
                            {"intent_id":"intent_4","tool_name":"tool.write_file","args":{"path":"x"}},
                            {"intent_id":"intent_5","tool_name":"fs.read","args":{"path":"/etc/hostname"}},
                            {"intent_id":"intent_6","tool_name":"payments.process_refund","args":{"command":"echo refunded"}},
                            {"intent_id":"intent_7","tool_name":"command.run","args":{"command":"head -c 200000 /dev/zero >&2; echo \\"$HOME\\""}}],
                 "results":[{"intent_id":"intent_4","status":"ok","result":{"written":true}}]}
                """.formatted(dir.resolve("notes.txt")));
        assertThat(cli().run("run", "record", "--input", "run.json", "--capture-mode", "raw").exitCode()).isZero();
        CliRunner.Result replay = cli(Map.of("GAIT_ALLOW_REAL_REPLAY", "1")).run("run", "replay", "run_mixed", "--json",
                "--real-tools", "--unsafe-real-tools", "--allow-tools", "fs.read,shell.exec,tool.custom,payments.process_refund,command.run",
                "--executor", "tool.custom=command:" + program);
        assertThat(replay.exitCode()).as(replay.stdout()).isZero();
        Path pack = dir.resolve(replay.json().string("replay_runpack").orElseThrow());
        List<JsonObject> results;
        try (SafeZip zip = SafeZip.open(pack)) {
            results = RunpackReader.read(zip, "replay").results();
        }
        assertThat(results).hasSize(7);
        List<String> lines = results.stream().map(Jcs::canonicalString).toList();
        assertThat(lines.get(0)).contains("\"content\":\"current notes\"");
        assertThat(lines.get(1)).contains("\"stdout\":\"hello\\n\"", "\"exit_code\":0");
        assertThat(lines.get(2)).contains("\"answer\":42");
        assertThat(lines.get(4)).as("reads stay inside the working directory").contains("\"status\":\"error\"", "outside the directory");
        assertThat(lines.get(5)).as("a tool merely named like a process is not run without --executor")
                .contains("\"status\":\"error\"", "unsupported real tool");
        assertThat(lines.get(6)).as("verbose diagnostics do not kill the process; the environment is not passed on")
                .contains("\"exit_code\":0", "\"stdout\":\"\\n\"", "\"stderr_bytes\":65536");
        assertThat(lines.get(3)).as("a tool that was not allowed keeps its recorded result").contains("\"written\"");
    }
}
