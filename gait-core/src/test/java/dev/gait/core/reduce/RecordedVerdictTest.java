package dev.gait.core.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RecordInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@code verdict_changed} reads the verdict a result recorded: as regress (and Gait v1) read it. */
class RecordedVerdictTest {

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({
        "ok, allow", "PASS, allow", "passed, allow", "Success, allow", "allowed, error",
        "block, block", "Blocked, block", "deny, block", "DENIED, block",
        "require_approval, require_approval", "approval_required, require_approval", "needs_approval, require_approval",
        "Needs Approval, error",
        "dry_run, dry_run", "dry-run, dry_run", "simulate, dry_run", "simulated, dry_run",
        "error, error", "timeout, error", "'', error"
    })
    void a_status_maps_to_a_verdict_or_error(String status, String verdict) {
        assertThat(VerdictChanged.recordedVerdict(new RecordInput.Result("i1", status, "", null))).isEqualTo(verdict);
    }

    @ParameterizedTest(name = "verdict member {0} over status {1}")
    @CsvSource({"allow, error, allow", "' Block ', ok, block", "blocked, ok, block", "Needs Approval, ok, require_approval",
        "'', denied, block"})
    void the_result_verdict_member_wins_over_the_status_when_present(String member, String status, String verdict) {
        JsonObject payload = JsonObject.builder().put("verdict", member).build();
        assertThat(VerdictChanged.recordedVerdict(new RecordInput.Result("i1", status, "", payload))).isEqualTo(verdict);
    }
}
