package dev.gait.core.replay.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Call alignment: common calls pair up, the first difference is classified, ties resolve the same way each time. */
class StepAlignmentTest {

    private static List<VariantStep> calls(String... tools) {
        List<VariantStep> steps = new ArrayList<>();
        for (int i = 0; i < tools.length; i++) {
            steps.add(new VariantStep(i + 1, tools[i], "d", "allow", "ok", "r"));
        }
        return steps;
    }

    @Test
    void an_inserted_call_pairs_the_rest_and_is_the_first_divergence() {
        List<StepAlignment.Pair> pairs = StepAlignment.align(calls("a", "b", "c"), calls("a", "x", "b", "c"));
        assertThat(pairs).hasSize(4);
        assertThat(pairs.get(1).baseline()).isNull();
        assertThat(pairs.get(1).variant().toolName()).isEqualTo("x");
        assertThat(pairs.get(3).baseline().index()).isEqualTo(3);
        assertThat(pairs.get(3).variant().index()).isEqualTo(4);
        StepAlignment.Divergence divergence = StepAlignment.firstDivergence(calls("a", "b", "c"), calls("a", "x", "b", "c"));
        assertThat(divergence.kind()).isEqualTo("call_added");
        assertThat(divergence.variant().index()).isEqualTo(2);
    }

    @Test
    void a_replaced_call_reads_as_removed_first_and_identical_runs_do_not_diverge() {
        StepAlignment.Divergence divergence = StepAlignment.firstDivergence(calls("a", "b", "c"), calls("a", "y", "c"));
        assertThat(divergence.kind()).isEqualTo("call_removed");
        assertThat(divergence.baseline().toolName()).isEqualTo("b");
        assertThat(StepAlignment.firstDivergence(calls("a", "b"), calls("a", "b"))).isNull();
        assertThat(divergence.sameAs(StepAlignment.firstDivergence(calls("a", "b", "c"), calls("a", "y", "c")))).isTrue();
        assertThat(divergence.sameAs(StepAlignment.firstDivergence(calls("a", "b", "c"), calls("a", "b", "y")))).isFalse();
    }

    @Test
    void same_calls_with_other_verdicts_or_results_diverge_by_kind() {
        List<VariantStep> base = calls("a", "b");
        List<VariantStep> blocked = List.of(base.get(0), new VariantStep(2, "b", "d", "block", "not_executed", ""));
        List<VariantStep> failed = List.of(base.get(0), new VariantStep(2, "b", "d", "allow", "error", "e"));
        assertThat(StepAlignment.firstDivergence(base, blocked).kind()).isEqualTo("verdict");
        assertThat(StepAlignment.firstDivergence(base, failed).kind()).isEqualTo("result");
    }
}
