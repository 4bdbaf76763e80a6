package dev.gait.core.replay;

import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replays a run's tool calls in order. Stub replay (the default) is a pure function of the runpack:
 * each call gets its recorded result, else a deterministic stand-in chosen by the tool's name, else
 * it is missing. Real replay runs the calls of allowed tools again through their executors; the
 * caller checks the interlocks first ({@link RealReplayInterlocks}).
 */
public final class Replay {

    /**
     * What to replay for real. Only {@link #real} makes a plan that runs tools, and it checks every
     * interlock first, so no caller can run a tool for real without them.
     */
    public static final class Plan {
        public static final Plan STUB = new Plan(Set.of(), ToolExecutors.of(List.of(), List.of()));

        private final Set<String> allowTools;
        private final ToolExecutors executors;

        private Plan(Set<String> allowTools, ToolExecutors executors) {
            this.allowTools = Set.copyOf(allowTools);
            this.executors = executors;
        }

        /**
         * A real replay of the allowed tools (lowercased), refused with exit 8 unless every
         * interlock holds ({@link RealReplayInterlocks#check}).
         */
        public static Plan real(boolean unsafeRealTools, Set<String> allowTools, Map<String, String> environment, String envName,
                                String captureMode, ToolExecutors executors) {
            RealReplayInterlocks.check(unsafeRealTools, allowTools, environment, envName, captureMode);
            return new Plan(allowTools, executors);
        }

        public boolean real() {
            return !allowTools.isEmpty();
        }

        boolean allows(String tool) {
            return allowTools.contains(tool.toLowerCase(Locale.ROOT));
        }
    }

    /** The replay of one run: its steps and the ids of the calls nothing could replay (sorted). */
    public record Report(String runId, Plan plan, List<ReplayStep> steps, List<String> missingResults) {
        public Report {
            steps = List.copyOf(steps);
            missingResults = List.copyOf(missingResults);
        }

        public boolean ok() {
            return missingResults.isEmpty();
        }

        public String mode() {
            return plan.real() ? "real" : "stub";
        }
    }

    private Replay() {}

    public static Report run(RunpackReader.Records records, Plan plan) {
        String runId = records.run().string("run_id").orElse("");
        Map<String, JsonObject> results = resultsById(records.results());
        Set<String> seen = new HashSet<>();
        List<ReplayStep> steps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JsonObject intent : records.intents()) {
            String intentId = intent.string("intent_id").orElse("");
            if (!seen.add(intentId)) {
                throw GaitException.invalidInput("duplicate intent_id in runpack: " + intentId);
            }
            String tool = intent.string("tool_name").orElse("");
            ReplayStep step = plan.allows(tool)
                    ? real(intentId, tool, intent.object("args").orElse(null), plan.executors)
                    : recordedOrStubbed(runId, intentId, tool, intent.string("args_digest").orElse(""), results.get(intentId));
            if (step.missing()) {
                missing.add(intentId);
            }
            steps.add(step);
        }
        missing.sort(null);
        return new Report(runId, plan, steps, missing);
    }

    private static Map<String, JsonObject> resultsById(List<JsonObject> results) {
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonObject result : results) {
            String id = result.string("intent_id").orElse("");
            if (byId.put(id, result) != null) {
                throw GaitException.invalidInput("duplicate result for intent_id in runpack: " + id);
            }
        }
        return byId;
    }

    private static ReplayStep real(String intentId, String tool, JsonObject args, ToolExecutors executors) {
        ToolExecutor executor = executors.forTool(tool).orElse(null);
        ToolExecutor.Result result = executor == null ? ToolExecutor.Result.error("unsupported real tool: " + tool)
                : args == null ? ToolExecutor.Result.error("the runpack holds no arguments for " + intentId)
                : executor.execute(tool, args);
        return new ReplayStep(intentId, tool, result.status(), "real", "", executor == null ? "" : executor.name(),
                Digests.jcsHex(result.payload()), result.payload());
    }

    /**
     * The stub replay of one call: its recorded result when there is one, else a deterministic
     * stand-in for a known tool family, else a missing result.
     */
    public static ReplayStep recordedOrStubbed(String runId, String intentId, String tool, String argsDigest, JsonObject recorded) {
        if (recorded != null) {
            return new ReplayStep(intentId, tool, recorded.string("status").orElse(""), "recorded", "", "",
                    recorded.string("result_digest").orElse(""), recorded.object("result").orElse(null));
        }
        String lowerTool = tool.toLowerCase(Locale.ROOT);
        String stubType = stubType(lowerTool);
        if (stubType.isEmpty()) {
            return new ReplayStep(intentId, tool, "missing_result", "missing", "", "", "", null);
        }
        String digest = Digests.sha256Hex(runId + ":" + intentId + ":" + lowerTool + ":" + argsDigest.toLowerCase(Locale.ROOT) + ":" + stubType);
        return new ReplayStep(intentId, tool, "stubbed", "stubbed", stubType, "", digest, null);
    }

    /** Gait v1's stand-in families, by the first matching part of the tool name. */
    static String stubType(String lowerTool) {
        for (String[] family : STUB_FAMILIES) {
            for (int i = 1; i < family.length; i++) {
                if (lowerTool.contains(family[i])) {
                    return family[0];
                }
            }
        }
        return "";
    }

    private static final String[][] STUB_FAMILIES = {
            {"http", "http", "fetch", "url"},
            {"file", "file", "path", "fs", "write"},
            {"db", "db", "sql", "query", "table"},
            {"queue", "queue", "topic", "publish", "kafka"},
    };
}
