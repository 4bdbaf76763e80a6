package dev.gait.client.run;

import dev.gait.client.cli.GaitCli;
import dev.gait.client.cli.GaitCliException;
import dev.gait.client.gate.GateDecision;
import dev.gait.client.intent.IntentRequest;
import dev.gait.client.json.Json;
import dev.gait.client.json.JsonFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Records the tool calls of one run (each intent, its decision and what the tool returned) and
 * turns them into a signed runpack with {@code gait run record}. The CLI computes every digest and
 * the signature; this class only collects the input document (see docs/runpack.md).
 *
 * <p>Each attempt becomes an intent {@code intent_NNNN}, a result ({@code ok} when the tool ran,
 * {@code error} when it threw or did not run, with the verdict, reason codes and trace id in the
 * payload) and, when the decision has a trace, a {@code gait.trace} receipt whose digests the CLI
 * derives. Results that are not JSON values (maps, lists, strings, numbers, booleans) are recorded
 * by their {@code toString()}.
 */
public final class RunCapture {

    private static final Pattern RUN_ID = Pattern.compile("run_[A-Za-z0-9_-]+");

    private final String runId;
    private final GaitCli cli;
    private final Clock clock;
    private final Instant startedAt;
    private final List<Object> timeline = new ArrayList<>();
    private final List<Object> intents = new ArrayList<>();
    private final List<Object> results = new ArrayList<>();
    private final List<Object> receipts = new ArrayList<>();
    private String captureMode = "reference";
    private Path outDir;
    private RunRecord recorded;

    public RunCapture(String runId, GaitCli cli) {
        this(runId, cli, Clock.systemUTC());
    }

    RunCapture(String runId, GaitCli cli, Clock clock) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must match run_[A-Za-z0-9_-]+: " + runId);
        }
        this.runId = runId;
        this.cli = Objects.requireNonNull(cli, "cli");
        this.clock = clock;
        this.startedAt = now();
        timeline.add(event("run_started", startedAt, null));
    }

    /** {@code reference} (default: digests only) or {@code raw} (keeps arguments and results). */
    public synchronized RunCapture captureMode(String mode) {
        if (!"reference".equals(mode) && !"raw".equals(mode)) {
            throw new IllegalArgumentException("capture mode must be reference or raw: " + mode);
        }
        this.captureMode = mode;
        return this;
    }

    /** Where {@code gait run record} writes {@code runpack_<run_id>.zip} (default: its own, ./gait-out). */
    public synchronized RunCapture outDir(Path directory) {
        this.outDir = directory;
        return this;
    }

    public String runId() {
        return runId;
    }

    /** A tool that ran after an allow and returned {@code result}. */
    public void recordExecuted(IntentRequest intent, GateDecision decision, Object result) {
        Map<String, Object> payload = outcome(decision, true);
        payload.put("result", jsonReady(result));
        record(intent, decision, "ok", payload);
    }

    /** A tool that ran after an allow and threw {@code error}. */
    public void recordFailed(IntentRequest intent, GateDecision decision, Throwable error) {
        Map<String, Object> payload = outcome(decision, true);
        payload.put("error", String.valueOf(error));
        record(intent, decision, "error", payload);
    }

    /** A tool that did not run because the decision was not allow. */
    public void recordNotExecuted(IntentRequest intent, GateDecision decision) {
        record(intent, decision, "error", outcome(decision, false));
    }

    private synchronized void record(IntentRequest intent, GateDecision decision, String status, Map<String, Object> payload) {
        if (recorded != null) {
            throw new IllegalStateException("run " + runId + " is already recorded");
        }
        String intentId = String.format(Locale.ROOT, "intent_%04d", intents.size() + 1);
        Instant at = now();
        Map<String, Object> intentEntry = new LinkedHashMap<>();
        intentEntry.put("intent_id", intentId);
        intentEntry.put("tool_name", intent.toolName());
        intentEntry.put("args", intent.args());
        intents.add(intentEntry);
        Map<String, Object> resultEntry = new LinkedHashMap<>();
        resultEntry.put("intent_id", intentId);
        resultEntry.put("status", status);
        resultEntry.put("result", payload);
        results.add(resultEntry);
        if (decision.traceId() != null) {
            Map<String, Object> receipt = new LinkedHashMap<>();
            receipt.put("ref_id", "trace_" + intentId);
            receipt.put("source_type", "gait.trace");
            receipt.put("source_locator", decision.tracePath() != null ? decision.tracePath() : "trace_id:" + decision.traceId());
            receipt.put("retrieved_at", at.toString());
            receipt.put("redaction_mode", "reference");
            receipt.put("immutability", "immutable");
            receipt.put("retrieval_params", Map.of("trace_id", decision.traceId(), "verdict", decision.verdict()));
            receipts.add(receipt);
        }
        timeline.add(event("intent_captured", at, intentId));
        timeline.add(event("result_captured", at, intentId));
    }

    /** The {@code gait run record} input collected so far. */
    public synchronized Map<String, Object> recordInput() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("os", System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT));
        env.put("arch", System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT));
        env.put("runtime", "java" + Runtime.version().feature());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("run_id", runId);
        run.put("created_at", startedAt.toString());
        run.put("env", env);
        run.put("timeline", new ArrayList<>(timeline));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("run", run);
        input.put("intents", new ArrayList<>(intents));
        input.put("results", new ArrayList<>(results));
        input.put("refs", Map.of("receipts", new ArrayList<>(receipts)));
        input.put("capture_mode", captureMode);
        return input;
    }

    /**
     * Ends the run and records it with {@code gait run record --input F --json}. Recording twice
     * returns the first record.
     *
     * @throws GaitCliException when the CLI cannot be run or refuses the input
     */
    public synchronized RunRecord finish() {
        if (recorded != null) {
            return recorded;
        }
        timeline.add(event("run_finished", now(), null));
        Path input;
        try {
            input = Files.createTempFile("gait-run-", ".json");
            Files.write(input, Json.write(recordInput()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record input", e);
        }
        try {
            List<String> arguments = new ArrayList<>(List.of("run", "record", "--input", input.toString(), "--json"));
            if (outDir != null) {
                arguments.addAll(List.of("--out-dir", outDir.toString()));
            }
            GaitCli.Result result = cli.run(arguments, "");
            Map<String, Object> response;
            try {
                response = Json.readObject(result.stdout().strip());
            } catch (JsonFormatException e) {
                throw new GaitCliException(GaitCliException.Kind.FAILED, "gait run record exited " + result.exitCode()
                        + " without a JSON answer; stderr: " + result.stderr().strip(), e);
            }
            if (result.exitCode() != 0 || !Boolean.TRUE.equals(response.get("ok"))) {
                throw new GaitCliException(GaitCliException.Kind.FAILED, "gait run record failed (exit "
                        + result.exitCode() + "): " + response.get("error_code") + ": " + response.get("error"), null);
            }
            recorded = new RunRecord(response, cli.workingDirectory() == null ? Path.of("") : cli.workingDirectory());
            return recorded;
        } finally {
            try {
                Files.deleteIfExists(input);
            } catch (IOException e) {
                // A temporary file left behind is harmless; the record stands.
            }
        }
    }

    private static Map<String, Object> outcome(GateDecision decision, boolean executed) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("executed", executed);
        payload.put("verdict", decision.verdict());
        payload.put("reason_codes", decision.reasonCodes());
        if (decision.traceId() != null) {
            payload.put("trace_id", decision.traceId());
        }
        if (decision.intentDigest() != null) {
            payload.put("intent_digest", decision.intentDigest());
        }
        if (decision.error() != null) {
            payload.put("error", decision.error());
        }
        return payload;
    }

    private static Object jsonReady(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), jsonReady(v)));
            return copy;
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(item -> copy.add(jsonReady(item)));
            return copy;
        }
        return value.toString();
    }

    private static Map<String, Object> event(String name, Instant at, String ref) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", name);
        event.put("ts", at.toString());
        if (ref != null) {
            event.put("ref", ref);
        }
        return event;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}
