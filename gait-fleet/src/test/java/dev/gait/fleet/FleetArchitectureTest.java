package dev.gait.fleet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The HTTP layer's packages: Jetty only through the shared HTTP layer, distribution and ingest free
 * of HTTP, no policy evaluation of their own, no reflection or data binding.
 */
class FleetArchitectureTest {

    private static final JavaClasses FLEET = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gait.fleet.http", "dev.gait.fleet.api", "dev.gait.fleet.distribution", "dev.gait.fleet.ingest");

    @Test
    void jetty_stays_behind_the_shared_http_layer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..").check(FLEET);
    }

    @Test
    void distribution_and_ingest_know_nothing_of_http() {
        noClasses().that().resideInAnyPackage("dev.gait.fleet.distribution..", "dev.gait.fleet.ingest..")
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
