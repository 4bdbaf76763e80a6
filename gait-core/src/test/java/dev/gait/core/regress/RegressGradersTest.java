package dev.gait.core.regress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.Receipt;
import dev.gait.core.runpack.RecordInput;
import dev.gait.core.runpack.RunpackFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each grader's pass and failure codes, on real fixture files. */
class RegressGradersTest {

    private static final Regress.Options DEFAULT = new Regress.Options(false, false);

    @TempDir
    Path dir;

    private void fixture(RecordInput input) {
        RegressPacks.init(dir, RegressPacks.write(dir.resolve("incident.zip"), input), "");
    }

    private Map<String, GraderResult> grade(Regress.Options options) {
        Map<String, GraderResult> byGrader = new LinkedHashMap<>();
        for (GraderResult result : Regress.grade(RegressPacks.underTest(dir, "run_demo"), options)) {
            byGrader.put(result.name().substring("run_demo/".length()), result);
        }
        return byGrader;
    }

    private Map<String, GraderResult> grade() {
        return grade(DEFAULT);
    }

    private void edit(UnaryOperator<JsonObject.Builder> change) {
        RegressPacks.editFixture(dir, "run_demo", change);
    }

    private void writeFixturePack(Map<String, byte[]> entries) {
        RegressPacks.write(dir.resolve("fixtures/run_demo/runpack.zip"), entries);
    }

    @Test
    void a_fresh_fixture_passes_every_grader_in_order_with_qualified_names_and_its_identity() {
        fixture(RegressPacks.demo());
        List<GraderResult> results = Regress.grade(RegressPacks.underTest(dir, "run_demo"), DEFAULT);
        assertThat(results).extracting(GraderResult::name).containsExactly(
                "run_demo/schema_validation", "run_demo/expected_exit_code", "run_demo/trajectory", "run_demo/diff");
        assertThat(results).allMatch(GraderResult::passed);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.details().string("fixture")).contains("run_demo");
            assertThat(result.details().string("run_id")).contains("run_demo");
        });
        assertThat(results.get(0).details().get("intent_records")).contains(new JsonNumber(3));
        assertThat(results.get(2).reasonCodes()).containsExactly("trajectory_match");
    }

    @Test
    void a_tampered_runpack_fails_schema_validation_with_hash_mismatch_and_every_reader_with_its_code() {
        fixture(RegressPacks.demo());
        Map<String, byte[]> entries = RegressPacks.entries(RegressPacks.demo());
        entries.put(RunpackFiles.RESULTS, "{\"tampered\":true}\n".getBytes(StandardCharsets.UTF_8));
        writeFixturePack(entries);

        Map<String, GraderResult> results = grade();
        assertThat(results.get("schema_validation").reasonCodes()).containsExactly("hash_mismatch", "runpack_parse_error");
        assertThat(results.get("schema_validation").details().string("error").orElseThrow()).contains("hash mismatch: results.jsonl");
        assertThat(results.get("expected_exit_code").reasonCodes()).containsExactly("replay_error");
        assertThat(results.get("trajectory").reasonCodes()).containsExactly("candidate_runpack_invalid");
        assertThat(results.get("diff").reasonCodes()).containsExactly("diff_error");
        assertThat(results.values()).noneMatch(GraderResult::passed);
    }

    @Test
    void a_missing_payload_or_a_file_that_is_no_runpack_fails_schema_validation() throws Exception {
        fixture(RegressPacks.demo());
        Map<String, byte[]> entries = RegressPacks.entries(RegressPacks.demo());
        entries.remove(RunpackFiles.REFS);
        writeFixturePack(entries);
        assertThat(grade().get("schema_validation").reasonCodes()).containsExactly("missing_files", "runpack_parse_error");
        assertThat(grade().get("schema_validation").details().string("error").orElseThrow()).contains("refs.json");

        Files.writeString(dir.resolve("fixtures/run_demo/runpack.zip"), "not a zip");
        assertThat(grade().get("schema_validation").reasonCodes()).containsExactly("schema_validation_error");
    }

    @Test
    void intact_records_with_a_foreign_schema_are_named_by_kind() {
        fixture(RegressPacks.demo());
        Map<String, byte[]> entries = RegressPacks.entries(RegressPacks.demo());
        String run = new String(entries.get(RunpackFiles.RUN), StandardCharsets.UTF_8)
                .replace("\"gait.runpack.run\"", "\"gait.runpack.other\"");
        String intents = new String(entries.get(RunpackFiles.INTENTS), StandardCharsets.UTF_8)
                .replaceFirst("\"schema_version\":\"1.0.0\"", "\"schema_version\":\"2.0.0\"");
        Map<String, byte[]> foreign = RegressPacks.replacedIntact(
                RegressPacks.replacedIntact(entries, RunpackFiles.RUN, run.getBytes(StandardCharsets.UTF_8)),
                RunpackFiles.INTENTS, intents.getBytes(StandardCharsets.UTF_8));
        writeFixturePack(foreign);

        Map<String, GraderResult> results = grade();
        assertThat(results.get("schema_validation").reasonCodes()).containsExactly("intent_schema_invalid", "run_schema_invalid");
        assertThat(results.get("schema_validation").details().get("hash_mismatches")).contains(new JsonNumber(0));
        assertThat(results.get("expected_exit_code").passed()).as("the other graders still read the pack").isTrue();
    }

    @Test
    void a_missing_result_makes_replay_exit_2_which_fails_an_expected_exit_of_0() {
        fixture(RegressPacks.withoutResult(RegressPacks.demo(), "intent_3"));
        GraderResult exit = grade().get("expected_exit_code");
        assertThat(exit.passed()).isFalse();
        assertThat(exit.reasonCodes()).containsExactly("unexpected_exit_code");
        assertThat(exit.details().get("actual_exit_code")).contains(new JsonNumber(2));
        assertThat(exit.details().get("expected_exit_code")).contains(new JsonNumber(0));
        assertThat(exit.details().get("missing_results")).contains(JsonArray.ofStrings(List.of("intent_3")));

        edit(json -> json.put("expected_replay_exit_code", 2));
        assertThat(grade().get("expected_exit_code").passed()).isTrue();
    }

    @Test
    void a_candidate_with_other_results_is_an_unexpected_diff_unless_the_file_is_allowed() {
        fixture(RegressPacks.demo());
        RegressPacks.write(dir.resolve("fixtures/run_demo/candidate.zip"), RegressPacks.status(RegressPacks.demo(), "intent_2", "error"));
        edit(json -> json.put("candidate_runpack", "candidate.zip"));

        Map<String, GraderResult> results = grade();
        GraderResult diff = results.get("diff");
        assertThat(diff.reasonCodes()).containsExactly("unexpected_diff");
        assertThat(diff.details().get("changed_files")).contains(JsonArray.ofStrings(List.of("results.jsonl")));
        assertThat(diff.details().get("unexpected_files")).contains(JsonArray.ofStrings(List.of("results.jsonl")));
        assertThat(diff.details().string("candidate_runpack")).contains("fixtures/run_demo/candidate.zip");
        GraderResult trajectory = results.get("trajectory");
        assertThat(trajectory.reasonCodes()).containsExactly("unexpected_verdict_sequence");
        assertThat(trajectory.details().get("first_verdict_mismatch_index")).contains(new JsonNumber(1));
        assertThat(trajectory.details().string("first_verdict_mismatch_actual")).contains("error");
        assertThat(results.get("schema_validation").passed()).as("the fixture's own pack is intact").isTrue();

        edit(json -> json.putStrings("diff_allow_changed_files", List.of(" results.jsonl", "results.jsonl")));
        GraderResult allowed = grade().get("diff");
        assertThat(allowed.passed()).isTrue();
        assertThat(allowed.details().get("allowed_files")).contains(JsonArray.ofStrings(List.of("results.jsonl")));
    }

    @Test
    void a_candidate_that_is_absent_or_no_runpack_fails_the_graders_that_read_it() throws Exception {
        fixture(RegressPacks.demo());
        edit(json -> json.put("candidate_runpack", "absent.zip"));
        Map<String, GraderResult> absent = grade(new Regress.Options(true, false));
        assertThat(absent.get("trajectory").reasonCodes()).containsExactly("candidate_path_invalid");
        assertThat(absent.get("diff").reasonCodes()).containsExactly("candidate_path_invalid");
        assertThat(absent.get("context_conformance").reasonCodes()).containsExactly("candidate_path_invalid");
        assertThat(absent.get("context_conformance").contextConformance()).isEqualTo("missing");
        assertThat(absent.get("diff").details().string("error").orElseThrow())
                .isEqualTo("candidate runpack not found: fixtures/run_demo/absent.zip");

        Files.writeString(dir.resolve("fixtures/run_demo/absent.zip"), "garbage");
        Map<String, GraderResult> garbage = grade(new Regress.Options(true, false));
        assertThat(garbage.get("trajectory").reasonCodes()).containsExactly("candidate_runpack_invalid");
        assertThat(garbage.get("diff").reasonCodes()).containsExactly("diff_error");
        assertThat(garbage.get("context_conformance").reasonCodes()).containsExactly("candidate_runpack_invalid");
    }

    @Test
    void trajectory_reports_the_first_mismatch_and_is_not_required_without_expectations() {
        fixture(RegressPacks.demo());
        edit(json -> json.putStrings("expected_tool_sequence", List.of("tool.search", "tool.delete")));
        GraderResult changed = grade().get("trajectory");
        assertThat(changed.reasonCodes()).containsExactly("unexpected_tool_sequence");
        assertThat(changed.details().get("first_tool_mismatch_index")).contains(new JsonNumber(1));
        assertThat(changed.details().string("first_tool_mismatch_expected")).contains("tool.delete");
        assertThat(changed.details().string("first_tool_mismatch_actual")).contains("tool.fetch");

        edit(json -> json.putStrings("expected_tool_sequence", List.of("tool.search", "tool.fetch", "tool.summarize", "tool.publish")));
        GraderResult longer = grade().get("trajectory");
        assertThat(longer.details().get("first_tool_mismatch_index")).contains(new JsonNumber(3));
        assertThat(longer.details().string("first_tool_mismatch_actual")).contains("<missing>");

        edit(json -> json.putStrings("expected_tool_sequence", List.of()).putStrings("expected_verdict_sequence", List.of(
                "allow", "Needs approval", "allow")));
        GraderResult verdicts = grade().get("trajectory");
        assertThat(verdicts.reasonCodes()).containsExactly("unexpected_verdict_sequence");
        assertThat(verdicts.details().string("first_verdict_mismatch_expected")).contains("require_approval");

        edit(json -> json.remove("expected_verdict_sequence"));
        GraderResult none = grade().get("trajectory");
        assertThat(none.passed()).isTrue();
        assertThat(none.reasonCodes()).containsExactly("trajectory_not_required");
    }

    @Test
    void an_expected_verdict_that_names_no_verdict_makes_the_fixture_invalid() {
        fixture(RegressPacks.demo());
        edit(json -> json.putStrings("expected_verdict_sequence", List.of("allow", "maybe")));
        assertThatThrownBy(() -> RegressPacks.underTest(dir, "run_demo"))
                .hasMessageContaining("fixture expected_verdict_sequence invalid: invalid verdict \"maybe\"");
    }

    private static final String CONTEXT = Digests.sha256Hex("context-1");

    private static RecordInput withContext(RecordInput input, String digest, UnaryOperator<Receipt> change) {
        return input.withContext(input.refs().receipts().stream().map(change).toList(), digest, "");
    }

    private static Receipt retrievedLater(Receipt r) {
        return new Receipt(r.refId(), r.sourceType(), r.sourceLocator(), r.queryDigest(), r.contentDigest(),
                r.retrievedAt().plusHours(1), r.redactionMode(), r.immutability(), 0, "", null);
    }

    private static Receipt otherContent(Receipt r) {
        return new Receipt(r.refId(), r.sourceType(), r.sourceLocator(), r.queryDigest(), Digests.sha256Hex("other"),
                r.retrievedAt(), r.redactionMode(), r.immutability(), 0, "", null);
    }

    private void candidate(RecordInput input) {
        RegressPacks.write(dir.resolve("fixtures/run_demo/candidate.zip"), input);
        edit(json -> json.put("candidate_runpack", "candidate.zip"));
    }

    @Test
    void context_conformance_runs_only_when_asked_for_or_set_and_requires_evidence_when_enforced() {
        fixture(RegressPacks.demo());
        assertThat(grade()).doesNotContainKey("context_conformance");
        GraderResult enforced = grade(new Regress.Options(true, false)).get("context_conformance");
        assertThat(enforced.reasonCodes()).containsExactly("context_evidence_missing");
        assertThat(enforced.contextConformance()).isEqualTo("missing");

        edit(json -> json.put("allow_context_runtime_drift", true));
        GraderResult notRequired = grade().get("context_conformance");
        assertThat(notRequired.passed()).isTrue();
        assertThat(notRequired.reasonCodes()).containsExactly("context_conformance_not_required");
        assertThat(notRequired.contextConformance()).isEqualTo("none");
    }

    @Test
    void a_run_with_context_evidence_pins_its_digest_and_passes_against_itself() {
        fixture(withContext(RegressPacks.demo(), CONTEXT, r -> r));
        Fixture fixture = Fixture.read(RegressPacks.fixtureFile(dir, "run_demo"));
        assertThat(fixture.contextConformance()).isEqualTo("required");
        assertThat(fixture.expectedContextSetDigest()).isEqualTo(CONTEXT);
        GraderResult result = grade().get("context_conformance");
        assertThat(result.reasonCodes()).containsExactly("context_conformance_pass");
        assertThat(result.contextConformance()).isEqualTo("none");
        assertThat(result.details().get("context_changed")).contains(JsonBoolean.FALSE);
    }

    @Test
    void runtime_only_context_drift_is_blocked_unless_allowed() {
        fixture(withContext(RegressPacks.demo(), CONTEXT, r -> r));
        candidate(withContext(RegressPacks.demo(), Digests.sha256Hex("context-2"), RegressGradersTest::retrievedLater));
        GraderResult blocked = grade().get("context_conformance");
        assertThat(blocked.reasonCodes()).containsExactly("context_runtime_drift_blocked");
        assertThat(blocked.contextConformance()).isEqualTo("runtime_only");

        GraderResult allowedByFlag = grade(new Regress.Options(false, true)).get("context_conformance");
        assertThat(allowedByFlag.reasonCodes()).containsExactly("context_conformance_pass");
        assertThat(allowedByFlag.contextConformance()).isEqualTo("runtime_only");

        edit(json -> json.put("allow_context_runtime_drift", true));
        assertThat(grade().get("context_conformance").passed()).isTrue();
    }

    @Test
    void semantic_context_drift_fails_with_or_without_a_changed_digest() {
        fixture(withContext(RegressPacks.demo(), CONTEXT, r -> r));
        candidate(withContext(RegressPacks.demo(), CONTEXT, RegressGradersTest::otherContent));
        GraderResult sameDigest = grade().get("context_conformance");
        assertThat(sameDigest.reasonCodes()).containsExactly("context_semantic_drift");
        assertThat(sameDigest.contextConformance()).isEqualTo("semantic");

        candidate(withContext(RegressPacks.demo(), Digests.sha256Hex("context-2"), RegressGradersTest::otherContent));
        GraderResult otherDigest = grade(new Regress.Options(false, true)).get("context_conformance");
        assertThat(otherDigest.reasonCodes()).containsExactly("context_set_digest_mismatch");
        assertThat(otherDigest.contextConformance()).isEqualTo("semantic");
    }

    @Test
    void a_grader_that_throws_becomes_grader_error_and_reason_codes_are_deduplicated_and_sorted() {
        fixture(RegressPacks.demo());
        Grader exploding = new Grader() {
            @Override
            public String name() {
                return "exploding";
            }

            @Override
            public GraderResult grade(FixtureUnderTest fixture) {
                throw new IllegalStateException("boom");
            }
        };
        Grader untidy = new Grader() {
            @Override
            public String name() {
                return "untidy";
            }

            @Override
            public GraderResult grade(FixtureUnderTest fixture) {
                return new GraderResult("untidy", false, List.of("b", " a ", "b", ""), "", JsonObject.EMPTY);
            }
        };
        List<GraderResult> results = Regress.grade(RegressPacks.underTest(dir, "run_demo"), List.of(exploding, untidy));
        assertThat(results.get(0).name()).isEqualTo("run_demo/exploding");
        assertThat(results.get(0).reasonCodes()).containsExactly("grader_error");
        assertThat(results.get(0).details().string("error")).contains("boom");
        assertThat(results.get(0).details().string("run_id")).contains("run_demo");
        assertThat(results.get(1).reasonCodes()).containsExactly("a", "b");
    }
}
