package dev.gait.core.gate;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.fs.LockFile;
import dev.gait.core.gate.policy.RuleSections;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request budgets shared by every process on a machine: counters per window bucket in a state file
 * ({@code gait.gate.rate_limit_state}), updated under a lock file so that concurrent gate
 * evaluations never let more calls through than the budget.
 */
public final class RateLimiter {
    static final LockFile.Timing LOCK_TIMING = new LockFile.Timing(Duration.ofSeconds(3), Duration.ofMillis(15), Duration.ofSeconds(15));

    private RateLimiter() {}

    /** The outcome of one attempt to spend from a budget. */
    public record Usage(String scope, String key, long used, long remaining, boolean allowed) {}

    /**
     * Spends one request from {@code budget} for this tool and identity, unless it is used up.
     *
     * @param kind which budget ({@code rate_limit} or {@code destructive_budget}); each has its own
     *             counters (Gait v1 lets an identity-scoped rate limit and destructive budget share one)
     */
    public static Usage consume(Path stateFile, RuleSections.Budget budget, String kind, String subject, String identity, Clock clock) {
        String scopeKey = switch (budget.scope()) {
            case "tool" -> subject;
            case "identity" -> identity;
            default -> subject + "|" + identity;
        };
        String windowPrefix = budget.window() + "|";
        Path lockPath = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
        try (LockFile ignored = LockFile.acquire(lockPath, "gait.gate.rate_limit_lock", LOCK_TIMING, clock, "rate_limit_lock_timeout")) {
            Map<String, Long> counters = read(stateFile);
            // The clock is read under the lock, and a window never goes back to an older bucket than
            // one already counted: a caller that read an older minute (or a clock set back) would
            // otherwise drop the newer bucket's counters and let its budget through again.
            String bucket = newestBucket(counters.keySet(), windowPrefix, bucketOf(clock.instant(), budget.window()));
            counters.keySet().removeIf(k -> k.startsWith(windowPrefix) && !bucketOfKey(k).equals(bucket));
            String key = windowPrefix + budget.scope() + "|" + bucket + "|" + kind + "|" + scopeKey;
            long used = counters.getOrDefault(key, 0L);
            if (used >= budget.requests()) {
                write(stateFile, counters);
                return new Usage(budget.scope(), key, used, 0, false);
            }
            counters.put(key, used + 1);
            write(stateFile, counters);
            return new Usage(budget.scope(), key, used + 1, budget.requests() - used - 1, true);
        }
    }

    private static String bucketOf(Instant now, String window) {
        return GoTime.formatUtc(now.truncatedTo(window.equals("hour") ? ChronoUnit.HOURS : ChronoUnit.MINUTES));
    }

    private static String bucketOfKey(String key) {
        return key.split("\\|", 4)[2];
    }

    /** Buckets are fixed-width UTC timestamps, so their text order is their time order. */
    private static String newestBucket(Iterable<String> keys, String windowPrefix, String current) {
        String newest = current;
        for (String key : keys) {
            if (key.startsWith(windowPrefix) && bucketOfKey(key).compareTo(newest) > 0) {
                newest = bucketOfKey(key);
            }
        }
        return newest;
    }

    private static Map<String, Long> read(Path stateFile) {
        Map<String, Long> counters = new TreeMap<>(GoStrings.BYTE_ORDER);
        if (!Files.exists(stateFile)) {
            return counters;
        }
        JsonObject state;
        try {
            state = JsonReader.strict().readObject(InputFiles.read(stateFile, InputFiles.DEFAULT_MAX_BYTES));
        } catch (JsonException e) {
            // a corrupt budget must not reset to "unused": refuse, which blocks the call
            throw GaitException.invalidInput("rate limit state " + stateFile + " is corrupt: " + e.getMessage(), e);
        }
        for (JsonValue value : state.array("counters").orElse(JsonArray.EMPTY).elements()) {
            if (value instanceof JsonObject counter && counter.get("count").orElse(null) instanceof JsonNumber count) {
                counters.put(counter.string("key").orElse(""), (long) count.value());
            }
        }
        return counters;
    }

    private static void write(Path stateFile, Map<String, Long> counters) {
        List<JsonValue> entries = new ArrayList<>();
        counters.forEach((key, count) -> entries.add(JsonObject.builder().put("key", key).put("count", count).build()));
        JsonObject state = JsonObject.builder()
                .put("schema_id", "gait.gate.rate_limit_state")
                .put("schema_version", "1.0.0")
                .put("counters", new JsonArray(entries))
                .build();
        AtomicFiles.write(stateFile, Jcs.canonicalString(state).getBytes(StandardCharsets.UTF_8));
    }
}
