package dev.gait.core.onboarding;

import dev.gait.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy {@code gait init} writes: a baseline template under a comment header that records the
 * project's file layout, what was detected, and the suggested starter rules (commented out, so the
 * template's behaviour is exactly the template's until someone adopts a suggestion).
 */
public final class StarterPolicy {
    public static final String REPO_POLICY_PATH = ".gait.yaml";
    public static final String REGRESS_CONFIG_PATH = "gait.yaml";
    public static final String LEGACY_POLICY_SCAFFOLD_PATH = "gait.policy.yaml";
    static final int TOOLS_IN_HEADER = 8;

    private StarterPolicy() {}

    public static String render(String template, RepoDetection detection, RepoSignals signals, String projectDefaultsPath) {
        List<String> lines = new ArrayList<>(List.of(
                "# gait init starter policy",
                "# repo_policy_path: " + REPO_POLICY_PATH,
                "# project_defaults_path: " + projectDefaultsPath,
                "# regress_config_path: " + REGRESS_CONFIG_PATH));
        if (!detection.frameworks().isEmpty()) {
            lines.add("# detected_frameworks: " + String.join(", ", detection.frameworks()));
        }
        List<String> tools = detection.toolNames();
        if (!tools.isEmpty()) {
            String more = tools.size() > TOOLS_IN_HEADER ? " (+" + (tools.size() - TOOLS_IN_HEADER) + " more)" : "";
            lines.add("# detected_tools: " + String.join(", ", RepoSignals.first(tools, TOOLS_IN_HEADER)) + more);
        }
        if (!signals.starterRules().isEmpty()) {
            lines.add("# generated_rules:");
            signals.starterRules().forEach(rule -> lines.addAll(rule.commentLines()));
        }
        if (!signals.unknownSignals().isEmpty()) {
            lines.add("# unknown_signals:");
            for (RepoSignal signal : signals.unknownSignals()) {
                lines.add("#   - code: " + signal.code());
                lines.add("#     evidence: [" + String.join(", ", signal.evidence()) + "]");
                lines.add("#     reason: " + signal.reason());
            }
        }
        String body = template.stripLeading();
        return String.join("\n", lines) + "\n\n" + (body.endsWith("\n") ? body : body + "\n");
    }

    /** Where each project file lives, as every {@code init} and {@code check} result states it. */
    public static JsonObject contract(String projectDefaultsPath) {
        return JsonObject.builder()
                .put("repo_policy_path", REPO_POLICY_PATH)
                .put("project_defaults_path", projectDefaultsPath)
                .put("regress_config_path", REGRESS_CONFIG_PATH)
                .put("legacy_policy_scaffold_path", LEGACY_POLICY_SCAFFOLD_PATH)
                .build();
    }
}
