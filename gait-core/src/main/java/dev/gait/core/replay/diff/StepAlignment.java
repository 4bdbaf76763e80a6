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

    static List<Pair> align(List<VariantStep> baseline, List<VariantStep> variant) {
        int n = baseline.size();
        int m = variant.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = baseline.get(i).callKey().equals(variant.get(j).callKey())
                        ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && baseline.get(i).callKey().equals(variant.get(j).callKey())) {
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
