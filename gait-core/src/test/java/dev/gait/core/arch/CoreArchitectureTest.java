package dev.gait.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core stays a library: no CLI, no server, no data binding, no reflection. */
class CoreArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gait.core");

    @Test
    void core_depends_on_no_other_gait_module() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.gait.cli..", "dev.gait.serve..", "dev.gait.fleet..")
                .check(CORE);
    }

    @Test
    void core_uses_neither_reflection_nor_jackson_databind() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.lang.reflect..", "tools.jackson.databind..", "com.fasterxml.jackson.databind..")
                .check(CORE);
    }

    @Test
    void core_never_opens_network_connections() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "javax.net..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .check(CORE);
    }
}
