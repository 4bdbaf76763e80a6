package dev.gait.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: no faulty input ever yields {@code allow}. Random intents and policies (seeded, so every
 * failure reproduces) are damaged in the ways real inputs break: truncated JSON or YAML, missing or
 * unreadable files, wrong types, unknown enum values, and contradictory rules. Every case runs
 * through the real command line.
 */
class GateFaultPropertyTest {
    private static final int CASES = 300;
    private static final List<String> TOOLS = List.of("tool.read", "tool.write", "tool.delete", "shell.exec", "http.get");
    private static final List<String> VERDICTS = List.of("allow", "block", "require_approval", "dry_run");

    @TempDir
    Path dir;

    @Test
    void faulty_inputs_never_yield_allow() throws Exception {
        SplittableRandom random = new SplittableRandom(20261124L);
        CliRunner cli = new CliRunner(dir, Map.of("GAIT_HOME", dir.resolve("home").toString()), Clock.systemUTC());
        int[] faults = new int[6];
        for (int i = 0; i < CASES; i++) {
            String policy = randomPolicy(random);
            String intent = randomIntent(random);
            int fault = random.nextInt(6);
            faults[fault]++;
            Path policyFile = dir.resolve("p" + i + ".yaml");
            Path intentFile = dir.resolve("i" + i + ".json");
            switch (fault) {
                case 0 -> { // truncated intent
                    Files.writeString(policyFile, policy);
                    Files.writeString(intentFile, intent.substring(0, random.nextInt(1, intent.length() - 1)));
                }
                case 1 -> { // truncated policy that no longer parses as the same document
                    Files.writeString(policyFile, policy.substring(0, random.nextInt(1, policy.length() / 2)) + "\n  - {name: [");
                    Files.writeString(intentFile, intent);
                }
                case 2 -> { // unreadable inputs: a directory where a file belongs, or nothing at all
                    Files.createDirectories(policyFile);
                    Files.writeString(intentFile, intent);
                }
                case 3 -> { // wrong types and unknown enum values in the intent
                    Files.writeString(policyFile, policy);
                    String broken = random.nextBoolean()
                            ? intent.replace("\"risk_class\":\"", "\"risk_class\":[\"")
                                    .replaceFirst("\"(low|medium|high)\"}", "\"$1\"]}")
                            : intent.replace("\"operation\":\"", "\"endpoint_class\":\"fs.teleport\",\"operation\":\"");
                    Files.writeString(intentFile, broken);
                }
                case 4 -> { // unknown policy keys and invalid effects
                    Files.writeString(policyFile, policy.replace("effect:", random.nextBoolean() ? "efect:" : "effect: permit #"));
                    Files.writeString(intentFile, intent);
                }
                default -> { // contradictory rules in one tier: the most restrictive must win
                    String tool = TOOLS.get(random.nextInt(TOOLS.size()));
                    Files.writeString(policyFile, "default_verdict: allow\nrules:\n"
                            + "  - {name: a, priority: 1, effect: allow, match: {tool_names: [" + tool + "]}}\n"
                            + "  - {name: b, priority: 1, effect: block, match: {tool_names: [" + tool + "]}}\n");
                    Files.writeString(intentFile, intent.replaceFirst("\"tool_name\":\"[^\"]+\"", "\"tool_name\":\"" + tool + "\""));
                }
            }
            CliRunner.Result result = cli.run("gate", "eval", "--policy", policyFile.toString(), "--intent", intentFile.toString(),
                    "--trace-out", dir.resolve("t" + i + ".json").toString(), "--rate-limit-state", dir.resolve("rl.json").toString(), "--json");
            JsonObject json = result.json();
            assertThat(json.string("verdict").orElse("")).as("case %d (fault %d): %s", i, fault, result.stdout()).isNotEqualTo("allow");
            assertThat(result.exitCode()).as("case %d (fault %d)", i, fault).isNotZero();
            if (fault == 5) {
                assertThat(json.string("verdict")).contains("block");
            } else {
                assertThat(result.exitCode()).as("case %d (fault %d): %s", i, fault, result.stdout()).isEqualTo(6);
            }
        }
        for (int count : faults) {
            assertThat(count).as("every fault kind is exercised").isGreaterThan(20);
        }
    }

    private static String randomPolicy(SplittableRandom random) {
        StringBuilder yaml = new StringBuilder("default_verdict: " + VERDICTS.get(random.nextInt(VERDICTS.size())) + "\nrules:\n");
        int rules = random.nextInt(1, 6);
        for (int r = 0; r < rules; r++) {
            yaml.append("  - {name: r").append(r).append(", priority: ").append(random.nextInt(5))
                    .append(", effect: ").append(VERDICTS.get(random.nextInt(VERDICTS.size())))
                    .append(", match: {tool_names: [").append(TOOLS.get(random.nextInt(TOOLS.size()))).append("]}}\n");
        }
        return yaml.toString();
    }

    private static String randomIntent(SplittableRandom random) {
        String tool = TOOLS.get(random.nextInt(TOOLS.size()));
        String operation = List.of("read", "write", "delete", "exec", "get").get(random.nextInt(5));
        String risk = List.of("low", "medium", "high").get(random.nextInt(3));
        return "{\"tool_name\":\"" + tool + "\",\"args\":{\"path\":\"/tmp/f" + random.nextInt(100) + "\"},"
                + "\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/f\",\"operation\":\"" + operation + "\"}],"
                + "\"context\":{\"identity\":\"agent\",\"workspace\":\"/repo\",\"risk_class\":\"" + risk + "\"}}";
    }
}
