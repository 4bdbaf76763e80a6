package dev.gait.core.replay.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns two replays call by call: the longest common subsequence of calls (same tool, same
 * arguments) pairs up, the rest are calls only one side made. Ties resolve the same way every time,
 * so the alignment and the first divergence are deterministic.
 */
final class StepAlignment {

    /** A place in the alignment: both sides made the call, or only one (the other is null). */
    record Pair(VariantStep baseline, VariantStep variant) {}

    /** The first way the variant departs from the baseline. */
    record Divergence(String kind, VariantStep baseline, VariantStep variant) {
        /** Whether another divergence is the same departure (same kind at the same steps). */
        boolean sameAs(Divergence other) {
            return other != null && kind.equals(other.kind) && index(baseline) == index(other.baseline)
                    && index(variant) == index(other.variant);
        }

        private static int index(VariantStep step) {
            return step == null ? 0 : step.index();
        }
    }

    private StepAlignment() {}

    /** More differing calls than this on both sides together would need too large a table to align. */
    static final long MAX_CELLS = 25_000_000L;

    static List<Pair> align(List<VariantStep> baseline, List<VariantStep> variant) {
        // calls both runs share at the start and the end pair up directly; only the middle needs the table
        int prefix = 0;
        while (prefix < baseline.size() && prefix < variant.size() && sameCall(baseline.get(prefix), variant.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < baseline.size() - prefix && suffix < variant.size() - prefix
                && sameCall(baseline.get(baseline.size() - 1 - suffix), variant.get(variant.size() - 1 - suffix))) {
            suffix++;
        }
        List<Pair> pairs = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            pairs.add(new Pair(baseline.get(k), variant.get(k)));
        }
        pairs.addAll(alignMiddle(baseline.subList(prefix, baseline.size() - suffix), variant.subList(prefix, variant.size() - suffix)));
        for (int k = suffix; k > 0; k--) {
            pairs.add(new Pair(baseline.get(baseline.size() - k), variant.get(variant.size() - k)));
        }
        return pairs;
    }

    private static boolean sameCall(VariantStep a, VariantStep b) {
        return a.callKey().equals(b.callKey());
    }

    private static List<Pair> alignMiddle(List<VariantStep> baseline, List<VariantStep> variant) {
        int n = baseline.size();
        int m = variant.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            throw dev.gait.core.error.GaitException.invalidInput("the runs differ in " + n + " and " + m
                    + " calls after their common start and end: too many to align");
        }
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = sameCall(baseline.get(i), variant.get(j))
                        ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && sameCall(baseline.get(i), variant.get(j))) {
                pairs.add(new Pair(baseline.get(i++), variant.get(j++)));
            } else if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
                pairs.add(new Pair(baseline.get(i++), null));
            } else {
                pairs.add(new Pair(null, variant.get(j++)));
            }
        }
        return pairs;
    }

    /** The first divergence, or null when both replays made the same calls with the same verdicts and results. */
    static Divergence firstDivergence(List<VariantStep> baseline, List<VariantStep> variant) {
        for (Pair pair : align(baseline, variant)) {
            VariantStep a = pair.baseline();
            VariantStep b = pair.variant();
            if (a == null) {
                return new Divergence("call_added", null, b);
            }
            if (b == null) {
                return new Divergence("call_removed", a, null);
            }
            if (!a.verdict().equals(b.verdict())) {
                return new Divergence("verdict", a, b);
            }
            if (!a.status().equals(b.status()) || !a.resultDigest().equals(b.resultDigest())) {
                return new Divergence("result", a, b);
            }
        }
        return null;
    }
}
