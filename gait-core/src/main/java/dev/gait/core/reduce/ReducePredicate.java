package dev.gait.core.reduce;

/**
 * The failure a reduction preserves: {@link #holds} is true when a candidate still shows it. The
 * reduction keeps the smallest set of steps for which it holds, so a predicate must be
 * deterministic. Built-ins: {@link MissingResult}, {@link NonOkStatus}, {@link VerdictChanged},
 * {@link CommandPredicate}; another (such as a regress grader failing) implements this interface
 * and is named on the command line.
 */
public interface ReducePredicate extends AutoCloseable {

    /** The name in the reduced run id and the report, e.g. {@code missing_result}. */
    String name();

    boolean holds(Candidate candidate);

    /** Releases what the predicate holds between evaluations (temporary files, processes). */
    @Override
    default void close() {}
}
