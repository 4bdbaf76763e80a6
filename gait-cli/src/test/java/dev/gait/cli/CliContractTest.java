package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.cli.command.Command;
import dev.gait.cli.command.CommandFamily;
import dev.gait.cli.command.LeafWithSubcommands;
import dev.gait.core.digest.Ids;
import dev.gait.core.json.JsonObject;
import dev.gait.core.version.GaitVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The output contract every command shares: envelopes, exit codes, help, explain, flags. */
class CliContractTest {

    @TempDir
    Path dir;

    private CliRunner cli() {
        return new CliRunner(dir);
    }

    @Test
    void no_arguments_and_version_aliases_print_the_version() {
        for (String[] args : new String[][] {{}, {"--version"}, {"-v"}, {"version"}}) {
            CliRunner.Result result = cli().run(args);
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).isEqualTo("gait " + GaitVersion.current() + "\n");
        }
        assertThat(GaitVersion.current()).isEqualTo("0.0.0-dev");
    }

    @Test
    void version_json_is_a_sorted_one_line_envelope_with_correlation_id() {
        CliRunner.Result result = cli().run("version", "--json");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(
                "{\"correlation_id\":\"e817da1ea5bc1c4b0c6da48f\",\"ok\":true,\"version\":\"0.0.0-dev\"}\n");
        assertThat(cli().run("--version", "--json").json().string("version")).contains("0.0.0-dev");
    }

    @Test
    void unknown_command_is_exit_6_with_usage_or_envelope() {
        CliRunner.Result text = cli().run("frobnicate");
        assertThat(text.exitCode()).isEqualTo(6);
        assertThat(text.stdout()).startsWith("error: unknown command: frobnicate\n").contains("usage: gait <command>");

        CliRunner.Result json = cli().run("frobnicate", "--json");
        assertThat(json.exitCode()).isEqualTo(6);
        assertErrorEnvelope(json.json(), "unknown command: frobnicate", "invalid_input", "invalid_input",
                "check command usage and input schema");
        assertThat(json.json().string("correlation_id")).contains(Ids.correlationId(List.of("gait", "frobnicate", "--json")));
    }

    @Test
    void unknown_flag_is_exit_6_in_go_wording() {
        CliRunner.Result text = cli().run("keys", "init", "--bogus");
        assertThat(text.exitCode()).isEqualTo(6);
        assertThat(text.stdout()).startsWith("error: flag provided but not defined: -bogus\n").contains("usage: gait keys init");

        CliRunner.Result json = cli().run("keys", "init", "--json", "-bogus=1");
        assertThat(json.exitCode()).isEqualTo(6);
        assertErrorEnvelope(json.json(), "flag provided but not defined: -bogus", "invalid_input", "invalid_input",
                "check command usage and input schema");
    }

    @Test
    void flag_values_follow_go_rules() {
        assertThat(cli().run("keys", "init", "--out-dir").stdout()).startsWith("error: flag needs an argument: -out-dir");
        assertThat(cli().run("version", "--json=maybe").stdout()).startsWith("error: invalid value \"maybe\" for flag -json");
        assertThat(cli().run("version", "---json").stdout()).startsWith("error: bad flag syntax: ---json");
        // a boolean takes a value only with '='; the next word is a positional
        assertThat(cli().run("version", "--json", "false").stdout()).contains("unexpected argument: false");
        assertThat(cli().run("version", "--json=false").stdout()).isEqualTo("gait 0.0.0-dev\n");
        assertThat(cli().run("version", "-json").json().has("version")).isTrue();
        assertThat(cli().run("version", "--json=T").json().has("version")).isTrue();
        assertThat(cli().run("version", "--json", "--json=0").stdout()).isEqualTo("gait 0.0.0-dev\n");
    }

    @Test
    void flags_may_follow_positionals_and_double_dash_ends_flags() throws Exception {
        Files.writeString(dir.resolve("doc.json"), "{\"b\":2,\"a\":1}");
        Files.writeString(dir.resolve("-dash.json"), "{\"a\":1,\"b\":2}");
        String before = cli().run("digest", "--json", "doc.json").json().string("digest").orElseThrow();
        String after = cli().run("digest", "doc.json", "--json").json().string("digest").orElseThrow();
        String dashed = cli().run("digest", "--json", "--", "-dash.json").json().string("digest").orElseThrow();
        assertThat(before).isEqualTo(after).isEqualTo(dashed);
    }

    @Test
    void every_command_has_help_and_explain() {
        List<String> paths = new ArrayList<>();
        collectLeaves(rootCommands(), "", paths);
        assertThat(paths).contains("version", "digest", "keys init", "keys rotate", "keys verify", "demo", "verify",
                "verify session-chain", "verify chain", "run record", "run inspect", "run receipt", "run diff", "run reduce", "run session start",
                "run session append", "run session status", "run session checkpoint", "run session compact", "migrate", "capture", "regress init", "regress add", "regress run", "regress bootstrap", "gate eval", "policy init", "policy validate", "policy test", "policy simulate", "policy fmt",
                "doctor", "doctor adoption", "init", "check", "guard pack", "guard verify", "guard retain", "guard verify-report",
                "guard encrypt", "guard decrypt", "incident pack",
                "pack build", "pack verify", "pack inspect", "pack diff", "pack export", "serve");
        for (String path : paths) {
            String[] words = path.split(" ");
            CliRunner.Result help = cli().run(append(words, "--help"));
            assertThat(help.exitCode()).as(path + " --help").isZero();
            assertThat(help.stdout()).as(path).startsWith("usage: gait " + path).contains("flags:").contains("--json");
            // --explain ignores --json, except where --explain --json is the command's own document (gate eval)
            CliRunner.Result explain = cli().run(path.equals("gate eval") ? append(words, "--explain") : append(words, "--explain", "--json"));
            assertThat(explain.exitCode()).as(path + " --explain").isZero();
            assertThat(explain.stdout()).as(path).doesNotStartWith("{").endsWith(".\n");
        }
    }

    @Test
    void families_print_usage_with_exit_0_on_help_and_6_when_incomplete() {
        assertThat(cli().run("--help").exitCode()).isZero();
        assertThat(cli().run("help").stdout()).contains("commands:").contains("keys");
        assertThat(cli().run("keys", "--help").exitCode()).isZero();
        CliRunner.Result missing = cli().run("keys");
        assertThat(missing.exitCode()).isEqualTo(6);
        assertThat(missing.stdout()).startsWith("error: missing subcommand for gait keys").contains("init");
        assertThat(cli().run("keys", "explode", "--json").json().string("error")).contains("unknown command: keys explode");
        assertThat(cli().run("keys", "--explain").stdout()).startsWith("keys manages");
        assertThat(cli().run("--explain").stdout()).startsWith("gait turns");
    }

    @Test
    void unexpected_positionals_are_rejected() {
        CliRunner.Result result = cli().run("version", "extra", "--json");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.json().string("error")).contains("unexpected argument: extra");
    }

    @Test
    void digest_prints_the_jcs_digest_and_reads_standard_input() throws Exception {
        Files.writeString(dir.resolve("doc.json"), "{\"b\": [1.0, \"<\"], \"a\": \"\\u20ac\"}");
        CliRunner.Result result = cli().run("digest", "doc.json");
        assertThat(result.exitCode()).isZero();
        String canonical = "{\"a\":\"\u20ac\",\"b\":[1,\"<\"]}";
        assertThat(result.stdout()).isEqualTo("digest=" + dev.gait.core.digest.Digests.sha256Hex(canonical) + "\n");
        assertThat(cli().run("digest", "doc.json", "--canonical").stdout()).isEqualTo(canonical);
        assertThat(cli().runWithInput("{\"a\":\"\u20ac\",\"b\":[1,\"<\"]}", "digest", "-", "--json").json().string("digest"))
                .contains(dev.gait.core.digest.Digests.sha256Hex(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":1,\"a\":2}", "[1e999]", "", "not json", "{\"a\":1} {}"})
    void malformed_json_is_exit_6_with_the_error_envelope(String input) throws Exception {
        Files.writeString(dir.resolve("bad.json"), input);
        CliRunner.Result result = cli().run("digest", "bad.json", "--json");
        assertThat(result.exitCode()).isEqualTo(6);
        assertErrorEnvelope(result.json(), null, "invalid_input", "invalid_input", "check command usage and input schema");
        assertThat(result.json().string("error").orElseThrow()).startsWith("invalid JSON");
    }

    @Test
    void missing_input_file_is_exit_6() {
        CliRunner.Result result = cli().run("digest", "absent.json", "--json");
        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.json().string("error")).contains("file not found: " + dir.resolve("absent.json"));
        assertThat(cli().run("digest").stdout()).startsWith("error: missing input");
    }

    @Test
    void io_failures_are_exit_1_with_internal_failure_and_no_stack_trace() throws Exception {
        Files.writeString(dir.resolve("not-a-dir"), "x");
        CliRunner.Result result = cli().run("keys", "init", "--out-dir", "not-a-dir/keys", "--json");
        assertThat(result.exitCode()).isEqualTo(1);
        assertErrorEnvelope(result.json(), null, "internal_failure", "internal_failure",
                "retry after checking local environment and logs");
        assertThat(result.stdout() + result.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void no_bad_input_produces_a_stack_trace() throws Exception {
        Files.writeString(dir.resolve("bad.json"), "[[[[");
        String[][] cases = {
            {"digest", "bad.json"}, {"digest", "/"}, {"keys", "verify"}, {"keys", "verify", "--private-key", "/"},
            {"keys", "init", "--prefix", "../escape"}, {"keys", "init", "--prefix="}, {"-", "x"}, {"--", "version"},
            {"keys", "verify", "--public-key-env", "UNSET_VARIABLE"}, {"version", "--json=", "x"}
        };
        for (String[] args : cases) {
            CliRunner.Result result = cli().run(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isIn(1, 2, 6);
            assertThat(result.stdout()).as(String.join(" ", args)).startsWith("error: ");
            assertThat(result.stdout() + result.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    static void assertErrorEnvelope(JsonObject envelope, String error, String code, String category, String hint) {
        assertThat(envelope.get("ok")).contains(dev.gait.core.json.JsonBoolean.FALSE);
        if (error != null) {
            assertThat(envelope.string("error").orElseThrow()).contains(error);
        }
        assertThat(envelope.string("error_code")).contains(code);
        assertThat(envelope.string("error_category")).contains(category);
        assertThat(envelope.string("hint")).contains(hint);
        assertThat(envelope.get("retryable")).contains(dev.gait.core.json.JsonBoolean.FALSE);
        assertThat(envelope.string("correlation_id").orElseThrow()).matches("[0-9a-f]{24}");
    }

    private static CommandFamily rootCommands() {
        return Cli.root();
    }

    private static void collectLeaves(Command command, String prefix, List<String> paths) {
        if (command instanceof CommandFamily family) {
            for (Command sub : family.subcommands()) {
                collectLeaves(sub, prefix.isEmpty() ? sub.name() : prefix + " " + sub.name(), paths);
            }
        } else if (command instanceof LeafWithSubcommands leaf) {
            for (Command sub : leaf.commands()) {
                paths.add(sub.name().equals(leaf.name()) ? prefix : prefix + " " + sub.name());
            }
        } else {
            paths.add(prefix);
        }
    }

    private static String[] append(String[] words, String... more) {
        String[] all = new String[words.length + more.length];
        System.arraycopy(words, 0, all, 0, words.length);
        System.arraycopy(more, 0, all, words.length, more.length);
        return all;
    }
}
