package dev.gait.core.regress;

/**
 * One check of a fixture. A grader reports what it finds as a result; an exception it throws becomes
 * a {@code grader_error} result.
 */
interface Grader {

    String name();

    GraderResult grade(FixtureUnderTest fixture);
}
