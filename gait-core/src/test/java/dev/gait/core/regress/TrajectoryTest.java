package dev.gait.core.regress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrajectoryTest {

    @ParameterizedTest
    @CsvSource({"allow,allow", "PASS,allow", "' passed ',allow", "blocked,block", "Needs approval,require_approval",
            "needsapproval,require_approval", "dry-run,dry_run", "simulated,dry_run", "failed,error", "unknown,''"})
    void verdict_spellings_are_normalized(String spelling, String verdict) {
        assertThat(Trajectory.normalizeVerdict(spelling)).isEqualTo(verdict);
    }

    @Test
    void the_first_mismatch_names_a_side_that_has_ended_missing() {
        assertThat(Trajectory.firstMismatch(List.of("a", "b"), List.of("a", "c")))
                .contains(new Trajectory.Mismatch(1, "b", "c"));
        assertThat(Trajectory.firstMismatch(List.of("a", "b"), List.of("a")))
                .contains(new Trajectory.Mismatch(1, "b", "<missing>"));
        assertThat(Trajectory.firstMismatch(List.of("a"), List.of("a", "b")))
                .contains(new Trajectory.Mismatch(1, "<missing>", "b"));
        assertThat(Trajectory.firstMismatch(List.of("a"), List.of("a"))).isEmpty();
    }
}
