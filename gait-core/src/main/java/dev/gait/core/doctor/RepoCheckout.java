package dev.gait.core.doctor;

import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A source checkout of this project (the Maven reactor {@code gait-parent} with its {@code gait-cli},
 * {@code gait-core} and {@code gait-testkit} modules), and the checks that only make sense there.
 */
final class RepoCheckout {
    static final String SCHEMA_ROOT = "gait-testkit/src/main/resources/gait-v1/";
    /** The Gait v1 schemas doctor requires (v1's list; the artifacts this project reads and writes). */
    static final List<String> REQUIRED_SCHEMAS = List.of(
            "schemas/v1/runpack/manifest.schema.json", "schemas/v1/runpack/run.schema.json", "schemas/v1/runpack/intent.schema.json",
            "schemas/v1/runpack/result.schema.json", "schemas/v1/runpack/refs.schema.json",
            "schemas/v1/gate/intent_request.schema.json", "schemas/v1/gate/gate_result.schema.json",
            "schemas/v1/gate/trace_record.schema.json", "schemas/v1/gate/approval_token.schema.json",
            "schemas/v1/gate/approval_audit_record.schema.json", "schemas/v1/gate/broker_credential_record.schema.json",
            "schemas/v1/context/envelope.schema.json", "schemas/v1/context/reference_record.schema.json",
            "schemas/v1/context/budget_report.schema.json", "schemas/v1/policytest/policy_test_result.schema.json",
            "schemas/v1/regress/regress_result.schema.json", "schemas/v1/scout/inventory_snapshot.schema.json",
            "schemas/v1/guard/pack_manifest.schema.json", "schemas/v1/registry/registry_pack.schema.json",
            "schemas/v1/scout/adoption_event.schema.json", "schemas/v1/scout/operational_event.schema.json");
    /** What a newcomer runs first: the launcher, the test script and its JDK discovery, and these docs. */
    static final List<String> ONBOARDING_ASSETS = List.of("gait", "scripts/test", "scripts/lib/jdk.sh", "docs/doctor.md");
    static final List<String> EXECUTABLE_ASSETS = List.of("gait", "scripts/test");

    private RepoCheckout() {}

    static boolean detect(Path workDir) {
        Path pom = workDir.resolve("pom.xml");
        if (!Files.isRegularFile(pom) || !List.of("gait-cli", "gait-core", "gait-testkit").stream()
                .allMatch(module -> Files.isDirectory(workDir.resolve(module)))) {
            return false;
        }
        try {
            return new String(InputFiles.read(pom, InputFiles.DEFAULT_MAX_BYTES), StandardCharsets.UTF_8)
                    .contains("<artifactId>gait-parent</artifactId>");
        } catch (GaitException e) {
            return false;
        }
    }

    /** Missing schemas mean a damaged checkout that nothing local repairs: doctor exits 7. */
    static DoctorCheck schemaFiles(Path workDir) {
        List<String> missing = REQUIRED_SCHEMAS.stream()
                .filter(schema -> !Files.isRegularFile(workDir.resolve(SCHEMA_ROOT + schema))).toList();
        if (!missing.isEmpty()) {
            return new DoctorCheck("schema_files", DoctorCheck.REPO_CHECKOUT, CheckStatus.FAIL,
                    "missing required schema files: " + String.join(",", missing),
                    "git restore --source=HEAD -- " + SCHEMA_ROOT + "schemas (or clone the repository again)", true);
        }
        return DoctorCheck.pass(DoctorCheck.REPO_CHECKOUT, "schema_files", "required schema files are present");
    }

    static DoctorCheck hooksPath() {
        return DoctorCheck.notAvailable(DoctorCheck.REPO_CHECKOUT, "hooks_path",
                "this repository ships no git hooks, so there is no core.hooksPath to check",
                "nothing to do; ./scripts/test runs every check before a commit");
    }

    static DoctorCheck onboardingAssets(Path workDir) {
        String name = "onboarding_assets";
        List<String> missing = ONBOARDING_ASSETS.stream().filter(asset -> !Files.isRegularFile(workDir.resolve(asset))).toList();
        if (!missing.isEmpty()) {
            return DoctorCheck.warn(DoctorCheck.REPO_CHECKOUT, name, "missing onboarding assets: " + String.join(",", missing),
                    "git restore --source=HEAD -- " + String.join(" ", missing));
        }
        List<String> notExecutable = new ArrayList<>();
        for (String asset : EXECUTABLE_ASSETS) {
            if (!Files.isExecutable(workDir.resolve(asset))) {
                notExecutable.add(asset);
            }
        }
        if (!notExecutable.isEmpty()) {
            return DoctorCheck.warn(DoctorCheck.REPO_CHECKOUT, name, "not executable: " + String.join(",", notExecutable),
                    "chmod +x " + String.join(" ", notExecutable));
        }
        return DoctorCheck.pass(DoctorCheck.REPO_CHECKOUT, name, "onboarding assets are present");
    }
}
