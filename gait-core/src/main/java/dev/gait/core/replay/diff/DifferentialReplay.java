package dev.gait.core.replay.diff;

import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.version.GaitVersion;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays one run under several variants, finds where each departs from the first (the baseline)
 * and attributes the departure to the input that causes it. Attribution is counterfactual: for each
 * input that differs, the baseline is replayed with only that input taken from the variant; an input
 * is a cause when that replay departs at the same step in the same way. When no single input does,
 * the departure comes from their interaction and all differing inputs are named.
 */
public final class DifferentialReplay {
    public static final String SCHEMA_ID = "gait.replay.differential_report";

    /** The comparison of one variant with the baseline. */
    public record Comparison(ReplayVariant variant, StepAlignment.Divergence divergence, List<ReplayVariant.Variable> differing,
                             List<ReplayVariant.Variable> causes, List<String> modelChanges) {
        public boolean diverged() {
            return divergence != null;
        }

        /** Whether the causes were isolated one input at a time (else the inputs only act together). */
        public boolean isolated() {
            return !causes.isEmpty();
        }
    }

    /** Every variant's replay and each variant's comparison with the baseline. */
    public record Report(String runId, OffsetDateTime createdAt, List<ReplayVariant> variants, List<List<VariantStep>> steps,
                         List<Comparison> comparisons) {
        public boolean anyDivergence() {
            return comparisons.stream().anyMatch(Comparison::diverged);
        }
    }

    private DifferentialReplay() {}

    /** @param variants at least two; the first is the baseline */
    public static Report compare(RunpackReader.Records records, List<ReplayVariant> variants) {
        if (variants.size() < 2) {
            throw dev.gait.core.error.GaitException.invalidInput("differential replay needs at least two variants");
        }
        OffsetDateTime createdAt = GoTime.parse(records.run().string("created_at").orElse("1980-01-01T00:00:00Z"));
        VariantReplay replay = new VariantReplay(records, createdAt.toInstant());
        ReplayVariant baseline = variants.getFirst();
        List<VariantStep> baselineSteps = replay.run(baseline);
        List<List<VariantStep>> allSteps = new ArrayList<>(List.of(baselineSteps));
        List<Comparison> comparisons = new ArrayList<>();
        for (ReplayVariant variant : variants.subList(1, variants.size())) {
            List<VariantStep> steps = replay.run(variant);
            allSteps.add(steps);
            StepAlignment.Divergence divergence = StepAlignment.firstDivergence(baselineSteps, steps);
            List<ReplayVariant.Variable> differing = new ArrayList<>();
            List<ReplayVariant.Variable> causes = new ArrayList<>();
            for (ReplayVariant.Variable variable : ReplayVariant.Variable.values()) {
                if (baseline.digest(variable).equals(variant.digest(variable))) {
                    continue;
                }
                differing.add(variable);
                if (divergence != null && divergence.sameAs(counterfactual(replay, baselineSteps, baseline.with(variable, variant)))) {
                    causes.add(variable);
                }
            }
            comparisons.add(new Comparison(variant, divergence, differing, causes, baseline.modelChanges(variant)));
        }
        return new Report(records.run().string("run_id").orElse(""), createdAt, variants, allSteps, comparisons);
    }

    /**
     * Where the baseline with one input swapped departs; null when that mix cannot be replayed at
     * all (a policy taken without the context it needs, say), which makes the input no single cause.
     */
    private static StepAlignment.Divergence counterfactual(VariantReplay replay, List<VariantStep> baselineSteps, ReplayVariant hybrid) {
        try {
            return StepAlignment.firstDivergence(baselineSteps, replay.run(hybrid));
        } catch (dev.gait.core.error.GaitException e) {
            return null;
        }
    }

    public static JsonObject toJson(Report report) {
        List<JsonValue> variants = new ArrayList<>();
        for (int i = 0; i < report.variants().size(); i++) {
            ReplayVariant variant = report.variants().get(i);
            List<VariantStep> steps = report.steps().get(i);
            variants.add(JsonObject.builder()
                    .put("label", variant.label())
                    .put("inputs", inputs(variant))
                    .put("outcome", outcome(steps))
                    .put("steps", new JsonArray(steps.stream().<JsonValue>map(VariantStep::toJson).toList()))
                    .build());
        }
        List<JsonValue> comparisons = new ArrayList<>();
        for (Comparison comparison : report.comparisons()) {
            JsonObject.Builder json = JsonObject.builder()
                    .put("variant", comparison.variant().label())
                    .put("diverged", comparison.diverged())
                    .putStrings("differing_inputs", wire(comparison.differing()))
                    .putStringsOmitEmpty("model_changes", comparison.differing().contains(ReplayVariant.Variable.MODEL)
                            ? comparison.modelChanges() : List.of());
            if (comparison.diverged()) {
                StepAlignment.Divergence d = comparison.divergence();
                json.put("first_divergence", JsonObject.builder().put("kind", d.kind())
                                .putOmitEmpty("baseline_step", d.baseline() == null ? null : d.baseline().toJson())
                                .putOmitEmpty("variant_step", d.variant() == null ? null : d.variant().toJson()).build())
                        .putStrings("attributed_to", wire(comparison.isolated() ? comparison.causes() : comparison.differing()))
                        .put("attribution", comparison.isolated() ? "counterfactual" : "interaction");
            }
            comparisons.add(json.build());
        }
        return JsonObject.builder()
                .put("schema_id", SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", GoTime.format(report.createdAt()))
                .put("producer_version", GaitVersion.current())
                .put("run_id", report.runId())
                .put("baseline", report.variants().getFirst().label())
                .put("variants", new JsonArray(variants))
                .put("comparisons", new JsonArray(comparisons))
                .build();
    }

    /** One readable line per comparison. */
    public static List<String> summary(Report report) {
        String baseline = report.variants().getFirst().label();
        List<String> lines = new ArrayList<>();
        for (Comparison comparison : report.comparisons()) {
            String head = comparison.variant().label() + " vs " + baseline + ": ";
            if (!comparison.diverged()) {
                lines.add(head + "same calls, verdicts and results");
                continue;
            }
            StepAlignment.Divergence d = comparison.divergence();
            VariantStep at = d.baseline() != null ? d.baseline() : d.variant();
            String what = switch (d.kind()) {
                case "verdict" -> d.baseline().verdict() + " -> " + d.variant().verdict();
                case "result" -> d.baseline().status() + " -> " + d.variant().status();
                default -> at.toolName();
            };
            List<String> cause = wire(comparison.isolated() ? comparison.causes() : comparison.differing());
            lines.add(head + "first divergence at step " + at.index() + " (" + d.kind() + ": " + what + "); cause: "
                    + String.join("+", cause) + (comparison.isolated() ? "" : " (together)"));
        }
        return lines;
    }

    private static JsonObject inputs(ReplayVariant variant) {
        return JsonObject.builder()
                .putOmitEmpty("model_version", variant.modelVersion())
                .putOmitEmpty("prompt_version", variant.promptVersion())
                .put("model", variant.digest(ReplayVariant.Variable.MODEL))
                .putOmitEmpty("policy_digest", variant.digest(ReplayVariant.Variable.POLICY))
                .putOmitEmpty("tool_executors", variant.digest(ReplayVariant.Variable.TOOL_EXECUTORS))
                .putOmitEmpty("context", variant.digest(ReplayVariant.Variable.CONTEXT))
                .build();
    }

    private static JsonObject outcome(List<VariantStep> steps) {
        Map<String, Integer> verdicts = new TreeMap<>();
        Map<String, Integer> statuses = new TreeMap<>();
        for (VariantStep step : steps) {
            verdicts.merge(step.verdict(), 1, Integer::sum);
            statuses.merge(step.status(), 1, Integer::sum);
        }
        JsonObject.Builder verdictCounts = JsonObject.builder();
        verdicts.forEach(verdictCounts::put);
        JsonObject.Builder statusCounts = JsonObject.builder();
        statuses.forEach(statusCounts::put);
        return JsonObject.builder().put("calls", steps.size()).put("verdicts", verdictCounts.build())
                .put("statuses", statusCounts.build()).build();
    }

    private static List<String> wire(List<ReplayVariant.Variable> variables) {
        return variables.stream().map(ReplayVariant.Variable::wire).toList();
    }
}
