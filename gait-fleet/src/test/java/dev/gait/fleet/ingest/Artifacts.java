package dev.gait.fleet.ingest;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.DemoRun;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.sign.Signatures;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.zip.DeterministicZip;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real artifacts for ingest tests, made by the core's recorder and signer. */
public final class Artifacts {
    public static final Ed25519KeyPair KEY = Ed25519KeyPair.generate(new SecureRandom());
    public static final Ed25519KeyPair OTHER_KEY = Ed25519KeyPair.generate(new SecureRandom());
    private static final RunpackRecorder RECORDER = new RunpackRecorder(Clock.systemUTC());

    private Artifacts() {}

    public static byte[] signedRunpack() {
        return RunpackWriter.zipBytes(RECORDER.record(DemoRun.input("0.0.0-dev"), null, new LocalSigner(KEY)));
    }

    public static byte[] unsignedRunpack() {
        return RunpackWriter.zipBytes(RECORDER.record(DemoRun.input("0.0.0-dev"), null, null));
    }

    /** A signed runpack with one byte of one recorded payload changed after signing. */
    public static byte[] tamperedRunpack() {
        RunpackRecorder.Recorded recorded = RECORDER.record(DemoRun.input("0.0.0-dev"), null, new LocalSigner(KEY));
        Map<String, byte[]> entries = new LinkedHashMap<>(recorded.entries());
        byte[] intents = entries.get("intents.jsonl").clone();
        intents[intents.length / 2] ^= 0x01;
        entries.put("intents.jsonl", intents);
        return DeterministicZip.write(entries);
    }

    public static byte[] signedTrace(Ed25519KeyPair key, String verdict) {
        JsonObject unsigned = JsonObject.builder()
                .put("schema_id", "gait.gate.trace")
                .put("schema_version", "1.0.0")
                .put("created_at", "2026-03-01T12:00:00Z")
                .put("trace_id", "trace_1")
                .put("tool_name", "tool.write")
                .put("intent_digest", "1".repeat(64))
                .put("policy_digest", "2".repeat(64))
                .put("verdict", verdict)
                .put("run_id", DemoRun.RUN_ID)
                .build();
        JsonObject signed = unsigned.toBuilder()
                .put("signature", Signatures.signDigest(new LocalSigner(key), Digests.jcsHex(unsigned)).toJson()).build();
        return JsonWriter.GO_MAP.write(signed).getBytes(StandardCharsets.UTF_8);
    }
}
