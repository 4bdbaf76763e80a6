package dev.gait.bench;

import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.CaptureMode;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunRecord;
import dev.gait.core.runpack.RunpackRecorder;
import dev.gait.core.runpack.RunpackVerifier;
import dev.gait.core.runpack.RunpackWriter;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.core.zip.SafeZip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * In-process verification throughput of a large runpack, against {@code sha256sum} reading the same
 * file in the same run. Usage: {@code VerifyThroughput <work-dir> <target-megabytes> <runs>}.
 * Prints one line per measurement and a final {@code ratio=} line.
 */
public final class VerifyThroughput {

    private VerifyThroughput() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long targetBytes = Long.parseLong(args[1]) * 1_000_000L;
        int runs = Integer.parseInt(args[2]);

        Ed25519KeyPair key = Ed25519KeyPair.generate(new java.security.SecureRandom());
        Path pack = buildPack(work, targetBytes, key);
        long size = Files.size(pack);
        System.out.printf("runpack=%s bytes=%d%n", pack.getFileName(), size);

        double[] ours = new double[runs];
        for (int i = -2; i < runs; i++) { // two warm-up runs
            long start = System.nanoTime();
            try (SafeZip zip = SafeZip.open(pack)) {
                VerifyReport report = RunpackVerifier.verify(zip, pack.toString(), List.of(key.publicKey()), true);
                if (!report.ok()) {
                    throw new IllegalStateException("benchmark pack does not verify: " + report.failure());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (i >= 0) {
                ours[i] = seconds;
                System.out.printf("gait_verify run=%d seconds=%.3f mb_per_s=%.1f%n", i, seconds, size / seconds / 1e6);
            }
        }
        double[] reference = new double[runs];
        for (int i = -1; i < runs; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder("sha256sum", pack.toString()).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("sha256sum failed");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (i >= 0) {
                reference[i] = seconds;
                System.out.printf("sha256sum run=%d seconds=%.3f mb_per_s=%.1f%n", i, seconds, size / seconds / 1e6);
            }
        }
        double oursMedian = Medians.of(ours);
        double referenceMedian = Medians.of(reference);
        System.out.printf("gait_verify_median_mb_per_s=%.1f%n", size / oursMedian / 1e6);
        System.out.printf("sha256sum_median_mb_per_s=%.1f%n", size / referenceMedian / 1e6);
        System.out.printf("ratio=%.2f%n", referenceMedian / oursMedian);
    }

    /** A signed raw-capture runpack whose intents and results carry incompressible payloads up to the target size. */
    private static Path buildPack(Path work, long targetBytes, Ed25519KeyPair key) {
        SplittableRandom random = new SplittableRandom(42);
        OffsetDateTime ts = OffsetDateTime.of(2026, 2, 5, 0, 0, 0, 0, ZoneOffset.UTC);
        int payloadBytes = 256 * 1024;
        int count = (int) (targetBytes / (2L * payloadBytes * 3 / 4)) + 1;
        List<RecordInput.Intent> intents = new ArrayList<>();
        List<RecordInput.Result> results = new ArrayList<>();
        byte[] raw = new byte[payloadBytes * 3 / 4];
        for (int i = 0; i < count; i++) {
            String id = "intent_" + i;
            // half the payload in arguments, half in results: each file stays under the 100 MiB entry cap
            random.nextBytes(raw);
            intents.add(new RecordInput.Intent(id, "tool.fetch", "",
                    JsonObject.builder().put("body", Base64.getEncoder().encodeToString(raw)).build()));
            random.nextBytes(raw);
            results.add(new RecordInput.Result(id, "ok", "",
                    JsonObject.builder().put("body", Base64.getEncoder().encodeToString(raw)).build()));
        }
        RecordInput input = new RecordInput(
                new RecordInput.Run("", "", ts, "0.0.0-dev", "run_bench", new RunRecord.Env("linux", "amd64", "java"),
                        List.of(new RunRecord.TimelineEvent("start", ts, "", null))),
                intents, results, new RecordInput.Refs(List.of(), "", "", 0), "raw", Map.of(), Map.of());
        RunpackRecorder.Recorded recorded = new RunpackRecorder(Clock.systemUTC())
                .record(input, CaptureMode.RAW, new LocalSigner(key));
        return RunpackWriter.write(work, recorded);
    }
}
