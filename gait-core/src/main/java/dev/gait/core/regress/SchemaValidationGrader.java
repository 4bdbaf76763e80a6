package dev.gait.core.regress;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.runpack.RunpackReader;
import dev.gait.core.runpack.RunpackVerifier;
import dev.gait.core.runpack.VerifyReport;
import dev.gait.core.zip.SafeZip;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies the fixture's runpack (integrity only, as Gait v1 does: fixtures need not be signed),
 * reads it, and checks every record's schema id and version.
 */
final class SchemaValidationGrader implements Grader {

    static final String NAME = "schema_validation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GraderResult grade(FixtureUnderTest fixture) {
        RunpackFile pack = fixture.pack();
        VerifyReport report;
        try (SafeZip zip = SafeZip.open(pack.path())) {
            report = RunpackVerifier.verify(zip, pack.shown(), List.of(), false);
        } catch (GaitException | JsonException e) {
            return GraderResult.fail(NAME, "schema_validation_error", GraderResult.error(e));
        }
        List<String> codes = new ArrayList<>();
        if (!report.missingFiles().isEmpty()) {
            codes.add("missing_files");
        }
        if (!report.hashMismatches().isEmpty()) {
            codes.add("hash_mismatch");
        }
        RunpackReader.Records records;
        try {
            records = pack.read();
        } catch (GaitException | JsonException e) {
            codes.add("runpack_parse_error");
            return new GraderResult(NAME, false, codes, "", GraderResult.error(e));
        }
        records.invalidSchemas().forEach(kind -> codes.add(kind + "_schema_invalid"));
        JsonObject details = JsonObject.builder()
                .putStrings("missing_files", report.missingFiles())
                .put("hash_mismatches", report.hashMismatches().size())
                .put("intent_records", records.intents().size())
                .put("result_records", records.results().size())
                .put("reference_receipts", records.refs().array("receipts").map(receipts -> receipts.size()).orElse(0))
                .build();
        return new GraderResult(NAME, codes.isEmpty(), codes, "", details);
    }
}
