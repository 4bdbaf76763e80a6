package dev.gait.core.gate;

import java.util.Set;

/** The closed vocabularies of intents and policies (kinds, endpoint classes, sources). */
public final class GateVocabulary {
    public static final Set<String> TARGET_KINDS = Set.of("path", "url", "host", "repo", "bucket", "table", "queue", "topic", "other");
    public static final Set<String> ENDPOINT_CLASSES = Set.of("fs.read", "fs.write", "fs.delete", "proc.exec", "net.http", "net.dns",
            "ui.click", "ui.type", "ui.navigate", "other");
    public static final Set<String> DISCOVERY_METHODS = Set.of("webmcp", "dynamic_mcp", "a2a", "mcp", "static_mcp", "manual", "unknown");
    public static final Set<String> PROVENANCE_SOURCES = Set.of("user", "tool_output", "external", "system");
    public static final Set<String> CREDENTIAL_SOURCES = Set.of("aws_iam_user", "aws_sts", "azure_federated", "command", "env",
            "gcp_sts", "github_oidc", "github_pat", "kubernetes_service_account", "stub", "unknown", "vault_dynamic");
    public static final Set<String> CREDENTIAL_ACCESS_TYPES = Set.of("cloud_admin", "inherited", "jit", "standing", "static", "unknown");


    private GateVocabulary() {}
}
