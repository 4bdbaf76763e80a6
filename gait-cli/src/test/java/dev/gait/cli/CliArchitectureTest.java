package dev.gait.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI dispatches by plain method calls: no reflection, no data binding, no CLI framework. */
class CliArchitectureTest {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gait.cli");

    @Test
    void no_reflection_databind_or_picocli_on_the_command_path() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "java.lang.reflect..", "tools.jackson.databind..", "com.fasterxml.jackson.databind..", "picocli..")
                .check(CLI);
    }
}
