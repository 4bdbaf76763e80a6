package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.testkit.GaitSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** From an incident runpack to a CI test: {@code gait regress init|add|run|bootstrap} through the real CLI. */
class RegressCommandsTest {

    @TempDir
    Path dir;
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        cli = new CliRunner(dir, Map.of("HOME", dir.resolve("home").toString()), Clock.systemUTC());
        assertThat(cli.run("demo").exitCode()).isZero();
    }

    private void editFixture(String from, String to) throws Exception {
        Path fixture = dir.resolve("fixtures/run_demo/fixture.json");
        String text = Files.readString(fixture);
        assertThat(text).contains(from);
        Files.writeString(fixture, text.replace(from, to));
    }

    @Test
    void a_bootstrapped_demo_passes_and_a_changed_expectation_fails_with_a_reason_and_a_junit_report() throws Exception {
        CliRunner.Result bootstrap = cli.run("regress", "bootstrap", "--from", "run_demo", "--json", "--junit", "out/junit.xml");
        assertThat(bootstrap.exitCode()).as(bootstrap.stdout()).isZero();
        JsonObject passed = bootstrap.json();
        assertThat(passed.get("ok")).contains(JsonBoolean.TRUE);
        assertThat(passed.string("status")).contains("pass");
        assertThat(passed.string("run_id")).contains("run_demo");
        assertThat(passed.string("fixture_name")).contains("run_demo");
        assertThat(passed.string("fixture_dir")).contains("fixtures/run_demo");
        assertThat(passed.string("runpack_path")).contains("fixtures/run_demo/runpack.zip");
        assertThat(passed.string("config_path")).contains("gait.yaml");
        assertThat(passed.string("fixture_set")).contains("default");
        assertThat(passed.get("graders")).contains(new JsonNumber(4));
        assertThat(passed.string("output")).contains("regress_result.json");
        assertThat(passed.string("junit")).contains("out/junit.xml");
        assertThat(passed.get("artifact_paths")).contains(JsonArray.ofStrings(List.of("regress_result.json", "out/junit.xml")));
        assertThat(passed.has("failed") || passed.has("top_failure_reason") || passed.has("next_command")).isFalse();
        GaitSchemas.assertValid("regress/regress_result", Files.readString(dir.resolve("regress_result.json")));
        JUnit report = JUnit.parse(dir.resolve("out/junit.xml"));
        assertThat(report.failures()).isEmpty();
        assertThat(report.testcases()).containsExactly("run_demo.diff", "run_demo.expected_exit_code",
                "run_demo.schema_validation", "run_demo.trajectory");

        editFixture("\"tool.fetch\"", "\"tool.delete\"");
        CliRunner.Result run = cli.run("regress", "run", "--json", "--junit", "out/junit.xml");
        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(5);
        JsonObject failed = run.json();
        assertThat(failed.get("ok")).contains(JsonBoolean.FALSE);
        assertThat(failed.string("status")).contains("fail");
        assertThat(failed.get("failed")).contains(new JsonNumber(1));
        assertThat(failed.string("top_failure_reason")).contains("unexpected_tool_sequence");
        assertThat(failed.string("next_command")).contains("gait regress run --json");
        assertThat(failed.has("error")).as("a regression is a finding, not an error").isFalse();
        String result = Files.readString(dir.resolve("regress_result.json"));
        GaitSchemas.assertValid("regress/regress_result", result);
        assertThat(result).contains("\"first_tool_mismatch_expected\": \"tool.delete\"");

        JUnit failing = JUnit.parse(dir.resolve("out/junit.xml"));
        assertThat(failing.suites()).isEqualTo("tests=4 failures=1 errors=0 skipped=0 time=0");
        assertThat(failing.suite()).isEqualTo("gait.regress.default tests=4 failures=1 errors=0 skipped=0 time=0");
        assertThat(failing.failures()).containsExactly(
                "run_demo.trajectory: message=unexpected_tool_sequence type=regress_failure body=unexpected_tool_sequence");
    }

    /** The parts of a JUnit report that Surefire, Jenkins and the GitHub report actions read. */
    private record JUnit(String suites, String suite, List<String> testcases, List<String> failures) {

        static JUnit parse(Path file) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(file.toFile());
            Element root = document.getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("testsuites");
            NodeList suites = root.getElementsByTagName("testsuite");
            assertThat(suites.getLength()).isEqualTo(1);
            Element suite = (Element) suites.item(0);
            List<String> testcases = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            NodeList cases = suite.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testcase = (Element) cases.item(i);
                assertThat(testcase.getAttribute("time")).isEqualTo("0");
                String id = testcase.getAttribute("classname") + "." + testcase.getAttribute("name");
                testcases.add(id);
                NodeList failure = testcase.getElementsByTagName("failure");
                if (failure.getLength() > 0) {
                    Element element = (Element) failure.item(0);
                    failures.add(id + ": message=" + element.getAttribute("message") + " type=" + element.getAttribute("type")
                            + " body=" + element.getTextContent());
                }
            }
            return new JUnit(counts(root), suite.getAttribute("name") + " " + counts(suite), testcases, failures);
        }

        private static String counts(Element element) {
            return "tests=" + element.getAttribute("tests") + " failures=" + element.getAttribute("failures")
                    + " errors=" + element.getAttribute("errors") + " skipped=" + element.getAttribute("skipped")
                    + " time=" + element.getAttribute("time");
        }
    }

    @Test
    void a_changed_replay_expectation_fails_and_text_output_is_key_value_lines() throws Exception {
        assertThat(cli.run("regress", "init", "--from", "run_demo").stdout()).isEqualTo("""
                run_id=run_demo
                fixture_name=run_demo
                fixture_dir=fixtures/run_demo
                runpack_path=fixtures/run_demo/runpack.zip
                config_path=gait.yaml
                next_commands=gait regress run --json
                """);
        editFixture("\"expected_replay_exit_code\": 0", "\"expected_replay_exit_code\": 2");
        Files.copy(dir.resolve("gait.yaml"), dir.resolve("ci.json"));
        CliRunner.Result run = cli.run("regress", "run", "--config", "ci.json", "--output", "out/result.json");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.stdout()).isEqualTo("""
                status=fail
                fixture_set=default
                graders=4
                failed=1
                top_failure_reason=unexpected_exit_code
                next_command=gait regress run --config ci.json --json
                output=out/result.json
                """);
        assertThat(dir.resolve("out/result.json")).exists();
    }

    @Test
    void two_runs_write_byte_identical_results_and_reports() throws Exception {
        cli.run("regress", "init", "--from", "run_demo");
        editFixture("\"tool.summarize\"", "\"tool.publish\"");
        assertThat(cli.run("regress", "run", "--junit", "a.xml", "--output", "a.json").exitCode()).isEqualTo(5);
        assertThat(cli.run("regress", "run", "--junit", "b.xml", "--output", "b.json").exitCode()).isEqualTo(5);
        assertThat(Files.readAllBytes(dir.resolve("b.json"))).isEqualTo(Files.readAllBytes(dir.resolve("a.json")));
        assertThat(Files.readAllBytes(dir.resolve("b.xml"))).isEqualTo(Files.readAllBytes(dir.resolve("a.xml")));
    }

    @Test
    void add_takes_a_capture_receipt_and_the_config_lists_every_fixture_sorted() throws Exception {
        cli.run("regress", "init", "--from", "gait-out/runpack_run_demo.zip");
        assertThat(cli.run("capture", "--from", "run_demo", "--out", "gait-out/capture.json").exitCode()).isZero();
        CliRunner.Result added = cli.run("regress", "add", "--from", "gait-out/capture.json", "--name", "captured", "--json");
        assertThat(added.exitCode()).as(added.stdout()).isZero();
        assertThat(added.json().string("source")).contains("gait-out/capture.json");
        assertThat(added.json().string("fixture_dir")).contains("fixtures/captured");
        assertThat(added.json().get("next_commands")).contains(JsonArray.ofStrings(List.of("gait regress run --json")));
        String config = Files.readString(dir.resolve("gait.yaml"));
        assertThat(config.indexOf("\"name\": \"captured\"")).isPositive().isLessThan(config.indexOf("\"name\": \"run_demo\""));
        assertThat(cli.run("regress", "run", "--json").json().get("graders")).contains(new JsonNumber(8));

        Files.writeString(dir.resolve("checkpoint.json"),
                "{\"schema_id\":\"gait.capture.receipt\",\"artifact_type\":\"session_checkpoint\",\"artifact_path\":\"x.zip\"}");
        CliRunner.Result refused = cli.run("regress", "add", "--from", "checkpoint.json", "--json");
        assertThat(refused.exitCode()).isEqualTo(6);
        assertThat(refused.json().string("error"))
                .contains("capture receipt artifact_type \"session_checkpoint\" is not supported by regress add");
    }

    @Test
    void a_session_checkpoint_becomes_a_fixture_that_remembers_its_chain() throws Exception {
        cli.run("run", "session", "start", "--journal", "s/j.jsonl", "--session-id", "s1", "--run-id", "run_s1");
        cli.run("run", "session", "append", "--journal", "s/j.jsonl", "--tool", "fs.write", "--verdict", "allow");
        assertThat(cli.run("run", "session", "checkpoint", "--journal", "s/j.jsonl").exitCode()).isZero();
        CliRunner.Result init = cli.run("regress", "init", "--from", "s/j_chain.json", "--checkpoint", "1", "--json");
        assertThat(init.exitCode()).as(init.stdout()).isZero();
        assertThat(init.json().string("fixture_name")).contains("run_s1_cp_0001");
        String fixture = Files.readString(dir.resolve("fixtures/run_s1_cp_0001/fixture.json"));
        assertThat(fixture).contains("\"session_chain\": \"s/j_chain.json\"", "\"checkpoint_index\": 1");
        assertThat(cli.run("regress", "run").exitCode()).isZero();
        assertThat(cli.run("regress", "init", "--from", "s/j_chain.json", "--checkpoint", "7").stdout())
                .startsWith("error: session chain has no checkpoint 7");
    }

    @Test
    void bad_configuration_and_bad_sources_are_exit_6_with_an_error_envelope() throws Exception {
        assertError(cli.run("regress", "run", "--json"), "read config: file not found");
        Files.writeString(dir.resolve("gait.yaml"), "{\"schema_id\":\"gait.regress.config\",\"fixtures\":[]}");
        assertError(cli.run("regress", "run", "--json"), "no fixtures configured");
        Files.writeString(dir.resolve("gait.yaml"), "fixture_set: default\n");
        assertError(cli.run("regress", "run", "--json"), "parse config: invalid JSON");

        assertError(cli.run("regress", "init", "--json"), "missing required --from");
        assertError(cli.run("regress", "init", "--from", "absent", "--json"), "runpack not found for run_id: absent");
        assertError(cli.run("regress", "init", "--from", "run_demo", "--name", "Not Valid", "--json"), "invalid fixture name: Not Valid");
        assertError(cli.run("regress", "bootstrap", "--from", "nowhere/x.zip", "--json"), "runpack not found: nowhere/x.zip");

        cli.run("regress", "init", "--from", "run_demo");
        Files.writeString(dir.resolve("fixtures/run_demo/runpack.zip"), "tampered");
        assertError(cli.run("regress", "run", "--json"), "read fixture runpack for run_demo");
    }

    private static void assertError(CliRunner.Result result, String message) {
        assertThat(result.exitCode()).as(result.stdout()).isEqualTo(6);
        CliContractTest.assertErrorEnvelope(result.json(), message, "invalid_input", "invalid_input",
                "check command usage and input schema");
        assertThat(result.stdout() + result.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
