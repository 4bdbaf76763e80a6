package dev.gait.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The training run for the JDK AOT cache, started by the launcher after each build: it runs the
 * per-tool-call commands in one process so that the cache holds the classes (and profiles) they
 * load. Output is discarded; every command works inside the given directory.
 */
public final class AotTraining {

    private AotTraining() {}

    public static void main(String[] args) {
        Path work = Path.of(args[0]).toAbsolutePath();
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        // Only the per-tool-call hot path is trained: every archived class is loaded at start-up,
        // so training rarely used commands would slow down the calls that matter.
        List<List<String>> commands = List.of(
                List.of("--version"),
                List.of("version", "--json"),
                List.of("gate", "eval", "--policy", "policy.yaml", "--intent", "read.json", "--json"),
                List.of("gate", "eval", "--policy", "policy.yaml", "--intent", "delete.json", "--json"),
                List.of("gate", "eval", "--policy", "policy.yaml", "--intent", "read.json"),
                List.of("gate", "eval", "--policy", "policy.yaml", "--intent", "script.json", "--json", "--simulate"),
                List.of("gate", "eval", "--policy", "policy.yaml", "--intent", "missing.json", "--json"));
        writeSamples(work);
        for (List<String> command : commands) {
            // the demo's local signing key lives in the training directory, never in the user's home
            Cli.run(new Invocation("gait", command, InputStream.nullInputStream(), sink, sink,
                    Map.of("GAIT_HOME", work.resolve("home").toString()), work, Clock.systemUTC()));
        }
    }

    private static void writeSamples(Path work) {
        String context = "\"context\":{\"identity\":\"agent\",\"workspace\":\"/repo\",\"risk_class\":\"low\"}";
        try {
            Files.writeString(work.resolve("policy.yaml"), """
                    default_verdict: block
                    scripts: {require_approval_above: 1}
                    rules:
                      - {name: allow-read, priority: 10, effect: allow, match: {tool_names: [tool.read], risk_classes: [low]}}
                      - {name: block-delete, priority: 10, effect: block, match: {tool_names: [tool.delete]}, reason_codes: [destructive]}
                      - name: guard-egress
                        priority: 20
                        effect: allow
                        endpoint: {domain_allowlist: ["*.example.com"]}
                        dataflow: {enabled: true}
                    """);
            Files.writeString(work.resolve("read.json"), "{\"tool_name\":\"tool.read\",\"args\":{\"path\":\"/tmp/a\"},"
                    + "\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/a\",\"operation\":\"read\"}],"
                    + "\"arg_provenance\":[{\"arg_path\":\"$.path\",\"source\":\"user\"}]," + context + "}");
            Files.writeString(work.resolve("delete.json"), "{\"tool_name\":\"tool.delete\",\"args\":{\"path\":\"/tmp/a\"},"
                    + "\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/a\",\"operation\":\"delete\"}]," + context + "}");
            Files.writeString(work.resolve("script.json"), "{\"script\":{\"steps\":[{\"tool_name\":\"tool.read\",\"args\":{}},"
                    + "{\"tool_name\":\"http.post\",\"args\":{},\"targets\":[{\"kind\":\"url\",\"value\":\"https://api.example.com/x\"}]}]},"
                    + context + "}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
