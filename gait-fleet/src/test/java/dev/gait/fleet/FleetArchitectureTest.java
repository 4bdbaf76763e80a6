package dev.gait.fleet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain packages know nothing of SQL or S3; storage technology stays in its adapters. */
class FleetArchitectureTest {

    private static final JavaClasses FLEET = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gait.fleet");

    private static final String[] DOMAIN = {
        "dev.gait.fleet.auth..", "dev.gait.fleet.tenancy..", "dev.gait.fleet.credentials..",
        "dev.gait.fleet.registry..", "dev.gait.fleet.audit..", "dev.gait.fleet.ingest..", "dev.gait.fleet.posture..",
        "dev.gait.fleet.error.."
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
}
