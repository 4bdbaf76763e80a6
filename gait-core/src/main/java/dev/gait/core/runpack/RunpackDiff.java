package dev.gait.core.runpack;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two runpacks as Gait v1's {@code run diff} does: the manifests without identity and
 * digests, the file lists, intents and results keyed by {@code intent_id} without identity fields,
 * and the refs, classifying a refs change as {@code runtime_only} (only the context set digest or
 * retrieval times differ) or {@code semantic}.
 */
public final class RunpackDiff {

    /** {@code full} compares payloads; {@code metadata} ignores args, results and receipt contents. */
    public enum Privacy {
        FULL("full"), METADATA("metadata");

        private final String wire;

        Privacy(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Privacy parse(String text) {
            return switch (text) {
                case "full" -> FULL;
                case "metadata" -> METADATA;
                default -> throw dev.gait.core.error.GaitException.invalidInput(
                        "unsupported privacy " + text + " (expected full or metadata)");
            };
        }
    }

    /** The diff summary, in the member order Gait v1 writes it. */
    public record Summary(
            String runIdLeft, String runIdRight, boolean manifestChanged, List<String> filesChanged,
            boolean intentsChanged, boolean resultsChanged, boolean refsChanged,
            List<String> leftOnlyIntents, List<String> rightOnlyIntents, List<String> changedIntents,
            List<String> leftOnlyResults, List<String> rightOnlyResults, List<String> changedResults,
            String contextDriftClassification, boolean contextRuntimeOnlyChanges) {

        public boolean changed() {
            return manifestChanged || !filesChanged.isEmpty() || intentsChanged || resultsChanged || refsChanged;
        }

        public JsonObject toJson() {
            return JsonObject.builder()
                    .put("run_id_left", runIdLeft)
                    .put("run_id_right", runIdRight)
                    .put("manifest_changed", manifestChanged)
                    .putStrings("files_changed", filesChanged)
                    .put("intents_changed", intentsChanged)
                    .put("results_changed", resultsChanged)
                    .put("refs_changed", refsChanged)
                    .putStrings("left_only_intents", leftOnlyIntents)
                    .putStrings("right_only_intents", rightOnlyIntents)
                    .putStrings("changed_intents", changedIntents)
                    .putStrings("left_only_results", leftOnlyResults)
                    .putStrings("right_only_results", rightOnlyResults)
                    .putStrings("changed_results", changedResults)
                    .put("context_drift_classification", contextDriftClassification)
                    .put("context_runtime_only_changes", contextRuntimeOnlyChanges)
                    .build();
        }
    }

    private static final List<String> IDENTITY = List.of("run_id", "producer_version", "created_at");

    private RunpackDiff() {}

    public static Summary diff(RunpackReader.Records left, RunpackReader.Records right, Privacy privacy) {
        boolean manifestChanged = !manifestShape(left.manifest()).equals(manifestShape(right.manifest()));
        List<String> filesChanged = symmetricDifference(paths(left.manifest()), paths(right.manifest()));

        Keyed intents = compare(left.intents(), right.intents(), privacy == Privacy.METADATA ? "args" : null);
        Keyed results = compare(left.results(), right.results(), privacy == Privacy.METADATA ? "result" : null);

        String classification;
        if (privacy == Privacy.METADATA) {
            classification = receiptCount(left.refs()) == receiptCount(right.refs()) ? "none" : "semantic";
        } else if (blank(left.refs(), IDENTITY).equals(blank(right.refs(), IDENTITY))) {
            classification = "none";
        } else {
            classification = runtimeOnly(left.refs()).equals(runtimeOnly(right.refs())) ? "runtime_only" : "semantic";
        }
        return new Summary(
                left.manifest().string("run_id").orElse(""), right.manifest().string("run_id").orElse(""),
                manifestChanged, filesChanged,
                intents.changed(), results.changed(), !classification.equals("none"),
                intents.leftOnly, intents.rightOnly, intents.differing,
                results.leftOnly, results.rightOnly, results.differing,
                classification, classification.equals("runtime_only"));
    }

    private record Keyed(List<String> leftOnly, List<String> rightOnly, List<String> differing) {
        boolean changed() {
            return !leftOnly.isEmpty() || !rightOnly.isEmpty() || !differing.isEmpty();
        }
    }

    private static Keyed compare(List<JsonObject> left, List<JsonObject> right, String payloadToDrop) {
        Map<String, String> leftDigests = digestsById(left, payloadToDrop);
        Map<String, String> rightDigests = digestsById(right, payloadToDrop);
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, String> entry : leftDigests.entrySet()) {
            String other = rightDigests.get(entry.getKey());
            if (other != null && !other.equals(entry.getValue())) {
                differing.add(entry.getKey());
            }
        }
        differing.sort(Comparator.naturalOrder());
        return new Keyed(onlyIn(leftDigests.keySet(), rightDigests.keySet()),
                onlyIn(rightDigests.keySet(), leftDigests.keySet()), differing);
    }

    private static Map<String, String> digestsById(List<JsonObject> records, String payloadToDrop) {
        Map<String, String> digests = new LinkedHashMap<>();
        for (JsonObject record : records) {
            JsonObject comparable = blank(record, IDENTITY);
            if (payloadToDrop != null) {
                comparable = comparable.without(payloadToDrop);
            }
            digests.put(record.string("intent_id").orElse(""), Digests.jcsHex(comparable));
        }
        return digests;
    }

    private static JsonObject manifestShape(JsonObject manifest) {
        JsonObject.Builder shape = blank(manifest, List.of("run_id", "producer_version", "created_at", "manifest_digest"))
                .toBuilder().remove("signatures");
        List<JsonValue> files = new ArrayList<>();
        for (JsonValue file : manifest.array("files").orElse(JsonArray.EMPTY).elements()) {
            files.add(file instanceof JsonObject object ? object.toBuilder().put("sha256", "").build() : file);
        }
        return shape.put("files", new JsonArray(files)).build();
    }

    private static TreeSet<String> paths(JsonObject manifest) {
        TreeSet<String> paths = new TreeSet<>();
        for (JsonValue file : manifest.array("files").orElse(JsonArray.EMPTY).elements()) {
            if (file instanceof JsonObject object) {
                object.string("path").ifPresent(paths::add);
            }
        }
        return paths;
    }

    private static List<String> symmetricDifference(Set<String> left, Set<String> right) {
        TreeSet<String> changed = new TreeSet<>(left);
        changed.addAll(right);
        TreeSet<String> both = new TreeSet<>(left);
        both.retainAll(right);
        changed.removeAll(both);
        return List.copyOf(changed);
    }

    private static List<String> onlyIn(Set<String> these, Set<String> others) {
        TreeSet<String> only = new TreeSet<>(these);
        only.removeAll(others);
        return List.copyOf(only);
    }

    private static JsonObject blank(JsonObject record, List<String> members) {
        JsonObject.Builder builder = record.toBuilder();
        members.forEach(member -> builder.put(member, ""));
        return builder.build();
    }

    private static long receiptCount(JsonObject refs) {
        return refs.array("receipts").orElse(JsonArray.EMPTY).size();
    }

    /** The raw refs (run id included) without what changes between runs of the same retrievals. */
    public static JsonObject runtimeOnly(JsonObject refs) {
        List<JsonValue> receipts = new ArrayList<>();
        for (JsonValue receipt : refs.array("receipts").orElse(JsonArray.EMPTY).elements()) {
            receipts.add(receipt instanceof JsonObject object ? object.toBuilder().put("retrieved_at", "").build() : receipt);
        }
        return refs.toBuilder().remove("context_set_digest").put("receipts", new JsonArray(receipts)).build();
    }
}
