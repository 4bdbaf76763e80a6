package dev.gait.core.canon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.erdtman.jcs.NumberToJSON;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link Es6Number} with two independent ECMAScript number serialisers over 1,000,000
 * doubles each: the test-scoped Java JCS library (a port of V8's algorithm) and Node's own
 * {@code JSON.stringify}.
 */
class Es6NumberDifferentialTest {

    private static final int COUNT = 1_000_000;

    /** A deterministic mix: raw bit patterns (every exponent), "nice" decimals, integers near 2^53. */
    static double[] sample(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[COUNT];
        int i = 0;
        while (i < COUNT) {
            double value = switch (i % 4) {
                case 0, 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> random.nextInt(1_000_000) / Math.pow(10, random.nextInt(-25, 25));
                default -> (double) (random.nextLong(1L << 54) - (1L << 53));
            };
            if (Double.isFinite(value)) {
                values[i++] = value;
            }
        }
        return values;
    }

    @Test
    void matches_the_erdtman_serialiser_on_a_million_doubles() throws IOException {
        double[] values = sample(8785L);
        int mismatches = 0;
        List<String> examples = new ArrayList<>();
        for (double value : values) {
            String ours = Es6Number.format(value);
            String theirs = NumberToJSON.serializeNumber(value);
            if (!ours.equals(theirs)) {
                mismatches++;
                if (examples.size() < 10) {
                    examples.add(Long.toHexString(Double.doubleToRawLongBits(value)) + ": ours=" + ours + " theirs=" + theirs);
                }
            }
        }
        assertThat(examples).as("mismatches: %d", mismatches).isEmpty();
    }

    @Test
    void matches_node_json_stringify_on_a_million_doubles(@TempDir Path dir) throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed");
        double[] values = sample(2015L);
        StringBuilder bits = new StringBuilder(COUNT * 17);
        for (double value : values) {
            bits.append(Long.toHexString(Double.doubleToRawLongBits(value))).append('\n');
        }
        Path input = dir.resolve("bits.txt");
        Path output = dir.resolve("node.txt");
        Path script = dir.resolve("stringify.js");
        Files.writeString(input, bits);
        Files.writeString(script, """
                const fs = require('fs');
                const lines = fs.readFileSync(process.argv[2], 'utf8').split('\\n');
                const view = new DataView(new ArrayBuffer(8));
                const out = [];
                for (const line of lines) {
                  if (line.length === 0) continue;
                  view.setBigUint64(0, BigInt('0x' + line));
                  out.push(JSON.stringify(view.getFloat64(0)));
                }
                fs.writeFileSync(process.argv[3], out.join('\\n') + '\\n');
                """);
        Process node = new ProcessBuilder("node", script.toString(), input.toString(), output.toString())
                .inheritIO().start();
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();

        List<String> expected = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(expected).hasSize(COUNT);
        List<String> examples = new ArrayList<>();
        int mismatches = 0;
        for (int i = 0; i < COUNT; i++) {
            String ours = Es6Number.format(values[i]);
            if (!ours.equals(expected.get(i))) {
                mismatches++;
                if (examples.size() < 10) {
                    examples.add(Long.toHexString(Double.doubleToRawLongBits(values[i])) + ": ours=" + ours + " node=" + expected.get(i));
                }
            }
        }
        assertThat(examples).as("mismatches: %d", mismatches).isEmpty();
    }

    private static boolean nodeAvailable() {
        try {
            Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
