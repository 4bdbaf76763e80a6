package dev.gait.core.reduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Zeller and Hildebrandt's delta debugging ({@code ddmin}, "Simplifying and Isolating
 * Failure-Inducing Input", 2002) over an ordered list. The current configuration is split into
 * {@code n} contiguous chunks; complements are tried before the chunks themselves (a failure that
 * needs several items survives in a complement far more often than in one chunk); a failing
 * complement continues with {@code n - 1} chunks, a failing chunk with 2; when neither fails the
 * granularity doubles, and the search ends when every single item has been removed once without
 * the failure reproducing, so the result is 1-minimal.
 *
 * <p>The empty configuration is never tried (ddmin assumes it passes). Every distinct subset is
 * evaluated at most once; the same input and test give the same evaluations in the same order.
 */
public final class Ddmin<T> {

    /**
     * @param minimal the 1-minimal failing subset, in the input's order
     * @param evaluations how many distinct subsets the test was run on, the whole input included
     * @param subsetsTried how many subsets the search asked about, answers from the cache included
     */
    public record Result<T>(List<T> minimal, int evaluations, int subsetsTried) {
        public Result {
            minimal = List.copyOf(minimal);
        }
    }

    private final List<T> items;
    private final Predicate<List<T>> fails;
    private final Map<BitSet, Boolean> answers = new HashMap<>();
    private int subsetsTried;

    private Ddmin(List<T> items, Predicate<List<T>> fails) {
        this.items = List.copyOf(items);
        this.fails = fails;
    }

    /**
     * @param fails whether the failure reproduces with only the given items (in the input's order)
     * @return empty when the failure does not reproduce on the whole input
     */
    public static <T> Optional<Result<T>> minimise(List<T> items, Predicate<List<T>> fails) {
        Ddmin<T> search = new Ddmin<>(items, fails);
        int[] all = IntStream.range(0, search.items.size()).toArray();
        if (!search.fails(all)) {
            return Optional.empty();
        }
        int[] minimal = search.reduce(all);
        return Optional.of(new Result<>(search.select(minimal), search.answers.size(), search.subsetsTried));
    }

    private int[] reduce(int[] start) {
        int[] current = start;
        int granularity = 2;
        while (current.length >= 2) {
            int[][] chunks = split(current, granularity);
            int[] next = firstFailingComplement(current, chunks);
            if (next != null) {
                current = next;
                granularity = Math.max(granularity - 1, 2);
                continue;
            }
            next = firstFailing(chunks);
            if (next != null) {
                current = next;
                granularity = 2;
                continue;
            }
            if (granularity >= current.length) {
                break;
            }
            granularity = Math.min(current.length, granularity * 2);
        }
        return current;
    }

    private int[] firstFailingComplement(int[] current, int[][] chunks) {
        for (int[] chunk : chunks) {
            int[] complement = without(current, chunk);
            if (fails(complement)) {
                return complement;
            }
        }
        return null;
    }

    private int[] firstFailing(int[][] chunks) {
        for (int[] chunk : chunks) {
            if (fails(chunk)) {
                return chunk;
            }
        }
        return null;
    }

    private boolean fails(int[] subset) {
        subsetsTried++;
        BitSet key = new BitSet(items.size());
        for (int index : subset) {
            key.set(index);
        }
        Boolean known = answers.get(key);
        if (known == null) {
            known = fails.test(select(subset));
            answers.put(key, known);
        }
        return known;
    }

    private List<T> select(int[] subset) {
        List<T> selected = new ArrayList<>(subset.length);
        for (int index : subset) {
            selected.add(items.get(index));
        }
        return selected;
    }

    /** {@code n} contiguous chunks whose sizes differ by at most one. */
    private static int[][] split(int[] current, int n) {
        int[][] chunks = new int[n][];
        for (int i = 0; i < n; i++) {
            chunks[i] = Arrays.copyOfRange(current, (int) ((long) i * current.length / n), (int) ((long) (i + 1) * current.length / n));
        }
        return chunks;
    }

    /** {@code current} without the contiguous run {@code chunk}, which it contains. */
    private static int[] without(int[] current, int[] chunk) {
        int start = Arrays.binarySearch(current, chunk[0]);
        int[] rest = new int[current.length - chunk.length];
        System.arraycopy(current, 0, rest, 0, start);
        System.arraycopy(current, start + chunk.length, rest, start, rest.length - start);
        return rest;
    }
}
