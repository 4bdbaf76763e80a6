package dev.gait.core.adoption;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code gait.doctor.adoption_report}: what a local adoption log says about activation. Per-command
 * totals, which milestones were reached (A1 demo, A2 verify, A3 regress init, A4 regress run; all four
 * is activation), how long after the first event each was first reached, median run times, the three
 * official skill workflows, and when each command first succeeded. The same log gives the same report.
 */
public record AdoptionReport(int totalEvents, boolean activationComplete, List<String> blockers, JsonObject json) {
    public static final String SCHEMA_ID = "gait.doctor.adoption_report";
    static final List<String> ACTIVATION = List.of("A1", "A2", "A3", "A4");
    static final List<String> WORKFLOWS = List.of("gait-capture-runpack", "gait-incident-to-regression", "gait-policy-test-rollout");
    /** The report's time when the log is empty (v1's fixed time for reproducible output). */
    static final Instant EMPTY_LOG_TIME = Instant.parse("1980-01-01T00:00:00Z");
    private static final Map<String, String> BLOCKERS = Map.of(
            "A1", "missing A1: run `gait demo`",
            "A2", "missing A2: run `gait verify <run_id>`",
            "A3", "missing A3: run `gait regress init --from <run_id>`",
            "A4", "missing A4: run `gait regress run`");

    public AdoptionReport {
        blockers = List.copyOf(blockers);
    }

    public static AdoptionReport build(List<AdoptionEvent> events, String source, String producerVersion) {
        Instant first = events.stream().map(AdoptionEvent::createdAt).min(Comparator.naturalOrder()).orElse(null);
        Instant last = events.stream().map(AdoptionEvent::createdAt).max(Comparator.naturalOrder()).orElse(null);
        Map<String, Instant> milestoneFirst = new TreeMap<>();
        Map<String, Instant> commandFirst = new TreeMap<>(GoStrings.BYTE_ORDER);
        for (AdoptionEvent event : events) {
            if (event.success()) {
                event.milestones().forEach(name -> milestoneFirst.merge(name, event.createdAt(), AdoptionReport::earlier));
                commandFirst.merge(event.command(), event.createdAt(), AdoptionReport::earlier);
            }
        }
        List<String> blockers = ACTIVATION.stream().filter(name -> !milestoneFirst.containsKey(name)).map(BLOCKERS::get)
                .sorted(GoStrings.BYTE_ORDER).toList();
        Map<String, Double> timing = new LinkedHashMap<>();
        for (String name : ACTIVATION) {
            if (milestoneFirst.containsKey(name)) {
                timing.put(name, (double) Math.max(0, Duration.between(first, milestoneFirst.get(name)).toMillis()));
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        median(milestoneElapsed(events, "A1")).ifPresent(value -> medians.put("m1_demo_elapsed_ms", value));
        median(milestoneElapsed(events, "A4")).ifPresent(value -> medians.put("m2_regress_run_elapsed_ms", value));
        long successes = events.stream().filter(AdoptionEvent::success).count();
        return new AdoptionReport(events.size(), blockers.isEmpty(), blockers, JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", GoTime.formatUtc(last == null ? EMPTY_LOG_TIME : last))
                .put("producer_version", producerVersion)
                .put("source", source.strip())
                .put("total_events", events.size())
                .put("success_events", successes)
                .put("failed_events", events.size() - successes)
                .put("first_event_at", time(first))
                .put("last_event_at", time(last))
                .put("commands", commands(events))
                .put("milestones", new JsonArray(AdoptionEvent.MILESTONES.stream().<JsonValue>map(name -> JsonObject.builder()
                        .put("name", name).put("achieved", milestoneFirst.containsKey(name)).build()).toList()))
                .putOmitEmpty("activation_timing_ms", numbers(timing))
                .putOmitEmpty("activation_medians_ms", numbers(medians))
                .putOmitEmpty("skill_workflows", workflows(events))
                .put("activation_complete", blockers.isEmpty())
                .putStringsOmitEmpty("blockers", blockers)
                .putOmitEmpty("first_successes", new JsonArray(commandFirst.entrySet().stream().<JsonValue>map(entry -> JsonObject.builder()
                        .put("command", entry.getKey())
                        .put("first_success_at", GoTime.formatUtc(entry.getValue()))
                        .put("ms_since_first_event", Duration.between(first, entry.getValue()).toMillis())
                        .build()).toList()))
                .build());
    }

    private static JsonArray commands(List<AdoptionEvent> events) {
        Map<String, long[]> byCommand = new TreeMap<>(GoStrings.BYTE_ORDER);
        for (AdoptionEvent event : events) {
            long[] counts = byCommand.computeIfAbsent(event.command(), command -> new long[2]);
            counts[event.success() ? 0 : 1]++;
        }
        return new JsonArray(byCommand.entrySet().stream().<JsonValue>map(entry -> JsonObject.builder()
                .put("command", entry.getKey())
                .put("total", entry.getValue()[0] + entry.getValue()[1])
                .put("success", entry.getValue()[0])
                .put("failure", entry.getValue()[1])
                .build()).toList());
    }

    /** Success rate, median run time and most common failure exit code of each official workflow seen. */
    private static JsonArray workflows(List<AdoptionEvent> events) {
        List<JsonValue> stats = new ArrayList<>();
        for (String workflow : WORKFLOWS) {
            List<AdoptionEvent> runs = events.stream().filter(event -> workflowOf(event).equals(workflow)).toList();
            if (runs.isEmpty()) {
                continue;
            }
            long successes = runs.stream().filter(AdoptionEvent::success).count();
            Map<Integer, Long> failureCodes = new TreeMap<>();
            runs.stream().filter(run -> !run.success()).forEach(run -> failureCodes.merge(run.exitCode(), 1L, Long::sum));
            int commonest = failureCodes.entrySet().stream()
                    .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(0);
            stats.add(JsonObject.builder()
                    .put("workflow", workflow)
                    .put("total", runs.size())
                    .put("success", successes)
                    .put("failure", runs.size() - successes)
                    .put("success_rate", (double) successes / runs.size())
                    .put("median_runtime_ms", median(runs.stream().map(AdoptionEvent::elapsedMs).toList()).orElse(0.0))
                    .putOmitEmpty("most_common_failure_code", commonest)
                    .build());
        }
        return new JsonArray(stats);
    }

    /** The workflow an event belongs to: the one it names, else the one its command is part of. */
    static String workflowOf(AdoptionEvent event) {
        if (!event.workflowId().isEmpty()) {
            return event.workflowId();
        }
        return switch (event.command()) {
            case "run record", "verify" -> "gait-capture-runpack";
            case "regress init", "regress run", "regress bootstrap" -> "gait-incident-to-regression";
            case "policy test", "policy simulate", "gate eval" -> "gait-policy-test-rollout";
            default -> "";
        };
    }

    private static List<Long> milestoneElapsed(List<AdoptionEvent> events, String milestone) {
        return events.stream().filter(event -> event.success() && event.milestones().contains(milestone)).map(AdoptionEvent::elapsedMs).toList();
    }

    /** Go's integer median: the middle value, or the truncated mean of the two middle values. */
    static Optional<Double> median(List<Long> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        long median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return Optional.of((double) median);
    }

    private static JsonObject numbers(Map<String, Double> values) {
        JsonObject.Builder object = JsonObject.builder();
        values.forEach(object::put);
        return object.build();
    }

    /** A time as Go encodes {@code time.Time}: its zero value when there is none. */
    private static String time(Instant instant) {
        return instant == null ? GoTime.format(GoTime.ZERO) : GoTime.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
