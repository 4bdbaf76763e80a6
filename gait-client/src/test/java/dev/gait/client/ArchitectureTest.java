package dev.gait.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/** The SDK never decides: it reaches Gait only as a process or over HTTP. */
@AnalyzeClasses(packages = "dev.gait.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noDecisionCode = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("dev.gait.core..", "dev.gait.serve..", "dev.gait.cli..")
            .because("the SDK asks the CLI or the sidecar; it never evaluates policy itself");

    @ArchTest
    static final ArchRule noReflection = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.lang.reflect..");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = SlicesRuleDefinition.slices()
            .matching("dev.gait.client.(*)..").should().beFreeOfCycles();
}
