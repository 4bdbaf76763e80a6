package dev.gait.bench;

import dev.gait.core.gate.Decision;
import dev.gait.core.gate.IntentNormalizer;
import dev.gait.core.gate.NormalizedIntent;
import dev.gait.core.gate.PolicyEvaluator;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.SignatureRecord;
import dev.gait.core.sign.Signatures;
import dev.gait.core.digest.Digests;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * In-process gate decisions: parse the intent JSON, normalise it, digest it and evaluate it against
 * a typical (20-rule) or large (500-rule) policy; and the same plus signing the decision digest.
 * Sample-time mode reports p50 / p99 latency; throughput mode decisions per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionBenchmark {

    @Param({"20", "500"})
    public int rules;

    private Policy policy;
    private byte[] intent;
    private LocalSigner signer;
    private final Instant now = Instant.parse("2026-03-10T12:00:00Z");

    @Setup
    public void setUp() {
        StringBuilder yaml = new StringBuilder("default_verdict: require_approval\nrules:\n");
        for (int i = 0; i < rules - 3; i++) {
            // filler rules come first in priority order, so every decision checks all of them
            yaml.append("  - {name: rule-").append(i).append(", priority: ").append(i)
                    .append(", effect: block, match: {tool_names: [tool.other").append(i).append("], risk_classes: [high]}}\n");
        }
        yaml.append("  - {name: block-delete, priority: 1000, effect: block, match: {endpoint_classes: [fs.delete]}}\n")
                .append("  - {name: write-guard, priority: 1040, effect: allow, match: {tool_names: [tool.write]}, endpoint: {path_allowlist: [\"/tmp/**\"]}}\n")
                .append("  - {name: allow-read, priority: 1030, effect: allow, match: {tool_names: [tool.read], workspace_prefixes: [/repo]}}\n");
        policy = Policy.parse(yaml.toString(), "bench.yaml");
        intent = ("{\"tool_name\":\"tool.write\",\"args\":{\"path\":\"/tmp/out.txt\",\"content\":\"hello\"},"
                + "\"targets\":[{\"kind\":\"path\",\"value\":\"/tmp/out.txt\",\"operation\":\"write\"}],"
                + "\"arg_provenance\":[{\"arg_path\":\"$.path\",\"source\":\"user\"}],"
                + "\"context\":{\"identity\":\"agent\",\"workspace\":\"/repo/app\",\"risk_class\":\"medium\",\"session_id\":\"s1\"}}")
                .getBytes(StandardCharsets.UTF_8);
        signer = new LocalSigner(Ed25519KeyPair.generate(new SecureRandom()));
    }

    @Benchmark
    public Decision decide() {
        NormalizedIntent normalized = IntentNormalizer.normalize(JsonReader.lenient().readObject(intent));
        normalized.intentDigest();
        return PolicyEvaluator.evaluate(policy, normalized, now);
    }

    @Benchmark
    public SignatureRecord decideAndSign() {
        NormalizedIntent normalized = IntentNormalizer.normalize(JsonReader.lenient().readObject(intent));
        String intentDigest = normalized.intentDigest();
        Decision decision = PolicyEvaluator.evaluate(policy, normalized, now);
        return Signatures.signDigest(signer, Digests.sha256Hex(intentDigest + ":" + decision.verdict().wire()));
    }
}
