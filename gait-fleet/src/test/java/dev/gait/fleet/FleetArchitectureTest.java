package dev.gait.fleet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The fleet's layering: the domain packages know nothing of SQL or S3 (storage technology stays in
 * its adapters), Jetty only through the shared HTTP layer, distribution and ingest free of HTTP, no
 * policy evaluation of its own, no reflection or data binding.
 */
class FleetArchitectureTest {

    private static final JavaClasses FLEET = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gait.fleet");

    private static final String[] DOMAIN = {
        "dev.gait.fleet.auth..", "dev.gait.fleet.tenancy..", "dev.gait.fleet.credentials..",
        "dev.gait.fleet.registry..", "dev.gait.fleet.audit..", "dev.gait.fleet.ingest..", "dev.gait.fleet.posture..",
        "dev.gait.fleet.error..", "dev.gait.fleet.distribution.."
    };

    @Test
    void domain_packages_do_not_depend_on_storage() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.gait.fleet.store..", "dev.gait.fleet.artifacts..", "org.jdbi..", "org.flywaydb..",
                        "java.sql..", "software.amazon..")
                .check(FLEET);
    }

    @Test
    void only_the_store_package_touches_the_database() {
        noClasses().that().resideOutsideOfPackages("dev.gait.fleet.store..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "org.flywaydb..", "com.zaxxer..", "org.sqlite..")
                .check(FLEET);
    }

    @Test
    void only_the_s3_store_and_the_wiring_touch_the_aws_sdk() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.gait.fleet.artifacts.S3ArtifactStore")
                .and().doNotHaveFullyQualifiedName("dev.gait.fleet.FleetStorage")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..")
                .check(FLEET);
    }

    @Test
    void jetty_stays_behind_the_shared_http_layer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..").check(FLEET);
    }

    @Test
    void domain_and_control_packages_know_nothing_of_http() {
        noClasses().that().resideInAnyPackage(DOMAIN).or().resideInAPackage("dev.gait.fleet.control..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.gait.serve..", "dev.gait.fleet.http..", "dev.gait.fleet.api..")
                .check(FLEET);
    }

    @Test
    void no_policy_evaluation_reflection_or_data_binding() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("dev.gait.core.gate.PolicyEvaluator")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.lang.reflect..", "tools.jackson.databind..")
                .check(FLEET);
    }
}
