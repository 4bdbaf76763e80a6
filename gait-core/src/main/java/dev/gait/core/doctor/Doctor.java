package dev.gait.core.doctor;

import dev.gait.core.canon.GoTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code gait doctor}: diagnoses a workspace and installation. The default run covers Gait v1's
 * universal checks (in v1's order), the project configuration, and, inside a source checkout of this
 * project, the checkout's own checks. {@code --production-readiness} runs the workspace and key
 * checks, then the production configuration checks.
 */
public final class Doctor {
    public static final String SCHEMA_ID = "gait.doctor.result";
    public static final String SCHEMA_VERSION = "1.0.0";

    private Doctor() {}

    public static DoctorResult run(DoctorContext context, boolean productionReadiness) {
        ConfigProbe config = ConfigProbe.of(context.workDir());
        KeySettings keys = context.keys().withDefaults(config.config().gate(), context.workDir());
        boolean checkout = RepoCheckout.detect(context.workDir());
        List<DoctorCheck> checks = new ArrayList<>(List.of(
                WorkspaceChecks.workDir(context.workDir()),
                WorkspaceChecks.outputDir(context.outputDir()),
                WorkspaceChecks.jobRuntimeDurability(),
                WorkspaceChecks.tempDir(context)));
        Optional<OnboardingBinary> binary = Optional.empty();
        if (!productionReadiness) {
            binary = Optional.of(OnboardingBinary.probe(context));
            checks.add(WorkspaceChecks.registryCache());
            checks.add(WorkspaceChecks.rateLimitLock(context, config.config().gate()));
            checks.add(binary.get().check());
        }
        checks.add(KeyChecks.sourceAmbiguity(keys));
        checks.add(KeyChecks.permissions(keys));
        checks.add(KeyChecks.config(keys, context.environment()));
        if (productionReadiness) {
            checks.addAll(ProductionReadiness.checks(config, context.workDir()));
        } else {
            checks.add(config.check());
            if (checkout) {
                checks.add(RepoCheckout.schemaFiles(context.workDir()));
                checks.add(RepoCheckout.hooksPath());
                checks.add(RepoCheckout.onboardingAssets(context.workDir()));
            }
        }
        return new DoctorResult(GoTime.formatUtc(context.now()), context.producerVersion(),
                checkout ? "repo_checkout" : "installed_binary", checks, binary);
    }
}
