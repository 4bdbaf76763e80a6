package dev.gait.core.regress;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * One check of a fixture. A grader reports what it finds as a result. An input it cannot read
 * ({@link #input}) ends the grade with that input's reason code; any other exception it throws
 * becomes a {@code grader_error} result.
 */
interface Grader {

    String name();

    GraderResult grade(FixtureUnderTest fixture);

    /** The grade when an input could not be read; graders that report more than the code override it. */
    default GraderResult unreadable(String reasonCode, JsonObject details) {
        return GraderResult.fail(name(), reasonCode, details);
    }

    /** Reads one input of a grade; when that fails, the grade ends with {@code reasonCode} ({@link #unreadable}). */
    static <T> T input(Supplier<T> read, String reasonCode) {
        try {
            return read.get();
        } catch (GaitException | JsonException e) {
            throw new Unreadable(reasonCode, e);
        }
    }

    /** An input that could not be read, with the reason code the grade fails with. */
    final class Unreadable extends RuntimeException {
        private final String reasonCode;

        Unreadable(String reasonCode, RuntimeException cause) {
            super(cause.getMessage(), cause);
            this.reasonCode = reasonCode;
        }

        String reasonCode() {
            return reasonCode;
        }

        JsonObject details() {
            return GraderResult.error((Exception) getCause());
        }
    }
}
