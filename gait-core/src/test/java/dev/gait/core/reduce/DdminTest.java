package dev.gait.core.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DdminTest {

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static Predicate<List<Integer>> needs(Integer... causes) {
        return subset -> subset.containsAll(List.of(causes));
    }

    @Test
    void a_failure_that_needs_two_items_keeps_exactly_those_two() {
        Ddmin.Result<Integer> result = Ddmin.minimise(upTo(100), needs(3, 7)).orElseThrow();
        assertThat(result.minimal()).containsExactly(3, 7);
    }

    @Test
    void a_single_cause_is_found_by_halving() {
        for (int cause : List.of(0, 511, 1023)) {
            Ddmin.Result<Integer> result = Ddmin.minimise(upTo(1024), needs(cause)).orElseThrow();
            assertThat(result.minimal()).containsExactly(cause);
            // the whole input, then at most two halves per level of a binary search over 1024 items
            assertThat(result.evaluations()).as("cause %d", cause).isLessThanOrEqualTo(1 + 2 * 10);
        }
    }

    @Test
    void two_causes_among_a_thousand_take_far_fewer_evaluations_than_items() {
        Ddmin.Result<Integer> result = Ddmin.minimise(upTo(1000), needs(416, 882)).orElseThrow();
        assertThat(result.minimal()).containsExactly(416, 882);
        assertThat(result.evaluations()).isLessThanOrEqualTo(60);
    }

    @Test
    void no_subset_is_evaluated_twice_and_the_cache_answers_repeats() {
        List<List<Integer>> evaluated = new ArrayList<>();
        Ddmin.Result<Integer> result = Ddmin.minimise(upTo(100), subset -> {
            evaluated.add(subset);
            return subset.contains(3) && subset.contains(7);
        }).orElseThrow();
        assertThat(new HashSet<>(evaluated)).hasSameSizeAs(evaluated);
        assertThat(result.evaluations()).isEqualTo(evaluated.size());
        assertThat(result.subsetsTried()).isGreaterThan(result.evaluations());
    }

    @Test
    void the_same_input_gives_the_same_evaluations_in_the_same_order() {
        List<List<Integer>> first = new ArrayList<>();
        List<List<Integer>> second = new ArrayList<>();
        Ddmin.Result<Integer> a = Ddmin.minimise(upTo(300), subset -> first.add(subset) && needs(12, 150, 299).test(subset)).orElseThrow();
        Ddmin.Result<Integer> b = Ddmin.minimise(upTo(300), subset -> second.add(subset) && needs(12, 150, 299).test(subset)).orElseThrow();
        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(a).isEqualTo(b);
        assertThat(a.minimal()).containsExactly(12, 150, 299);
    }

    @Test
    void the_result_is_one_minimal_for_a_failure_with_alternative_causes() {
        // fails with {10, 20} or with {50}: removing any single kept item must make it pass
        Predicate<List<Integer>> fails = subset -> subset.containsAll(List.of(10, 20)) || subset.contains(50);
        List<Integer> minimal = Ddmin.minimise(upTo(64), fails).orElseThrow().minimal();
        assertThat(fails.test(minimal)).isTrue();
        for (Integer item : minimal) {
            List<Integer> without = new ArrayList<>(minimal);
            without.remove(item);
            assertThat(fails.test(without)).as("without %d", item).isFalse();
        }
    }

    @Test
    void nothing_is_reduced_when_the_whole_input_does_not_fail() {
        assertThat(Ddmin.minimise(upTo(10), subset -> false)).isEmpty();
        assertThat(Ddmin.minimise(upTo(10), needs(42))).isEmpty();
    }

    @Test
    void a_single_item_and_an_input_where_every_item_matters_stay_whole() {
        assertThat(Ddmin.minimise(List.of("only"), subset -> true).orElseThrow().minimal()).containsExactly("only");
        Ddmin.Result<Integer> all = Ddmin.minimise(upTo(8), subset -> subset.size() == 8).orElseThrow();
        assertThat(all.minimal()).isEqualTo(upTo(8));
    }
}
