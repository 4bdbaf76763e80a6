package dev.gait.serve;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Jetty stays behind the sidecar's two classes and the MCP proxy's server class; nothing re-implements decisions or uses reflection or data binding. */
class ServeArchitectureTest {

    private static final JavaClasses SERVE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gait.serve");

    @Test
    void only_the_handler_and_the_server_touch_jetty() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.gait.serve.http.JettyHandler")
                .and().doNotHaveFullyQualifiedName("dev.gait.serve.http.JettyServer")
                .and().doNotHaveFullyQualifiedName("dev.gait.serve.mcp.McpHttpServer")
                .and().doNotHaveFullyQualifiedName("dev.gait.serve.mcp.McpHttpServer$JettyExchange")
                .and().doNotHaveFullyQualifiedName("dev.gait.serve.mcp.McpHttpServer$1")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..")
                .check(SERVE);
    }

    @Test
    void decisions_go_through_the_core_gate_only() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("dev.gait.core.gate.PolicyEvaluator")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.lang.reflect..", "tools.jackson.databind..")
                .check(SERVE);
    }
}
