package dev.gait.core.doctor;

import dev.gait.core.config.GateDefaults;
import dev.gait.core.config.McpServeSettings;
import dev.gait.core.config.OssProdProfile;
import dev.gait.core.config.ProjectConfig;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.gate.policy.Policy;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code doctor --production-readiness}: the project configuration must select the {@code oss-prod}
 * profile with prod keys, bounded retention, a hardened service boundary, and a policy the profile
 * accepts. Each check names the key to set.
 */
final class ProductionReadiness {
    static final long MAX_REQUEST_BYTES = 4L << 20;
    private static final String CONFIG = Shell.quote(ProjectConfig.DEFAULT_PATH);

    private ProductionReadiness() {}

    static List<DoctorCheck> checks(ConfigProbe probe, Path workDir) {
        if (probe.broken()) {
            return List.of(DoctorCheck.fail(DoctorCheck.PRODUCTION, "production_readiness_config",
                    "failed to parse " + ProjectConfig.DEFAULT_PATH + ": " + probe.error(), "edit " + CONFIG + " and fix the reported key"));
        }
        GateDefaults gate = probe.config().gate();
        return List.of(config(probe), profile(gate), keyMode(gate), retention(probe.config()), serviceBoundary(probe.config().mcpServe()),
                contextStrictness(gate), policy(gate, workDir));
    }

    private static DoctorCheck config(ConfigProbe probe) {
        String name = "production_readiness_config";
        if (!probe.present()) {
            return DoctorCheck.fail(DoctorCheck.PRODUCTION, name, "missing " + ProjectConfig.DEFAULT_PATH,
                    "gait init --profile oss-prod --config-only");
        }
        return DoctorCheck.pass(DoctorCheck.PRODUCTION, name, ProjectConfig.DEFAULT_PATH + " present");
    }

    private static DoctorCheck profile(GateDefaults gate) {
        if (!gate.profile().equals(OssProdProfile.NAME)) {
            return DoctorCheck.fail(DoctorCheck.PRODUCTION, "production_profile", "gate.profile must be oss-prod for production readiness",
                    "set gate.profile: oss-prod in " + CONFIG);
        }
        return DoctorCheck.pass(DoctorCheck.PRODUCTION, "production_profile", "gate.profile is oss-prod");
    }

    private static DoctorCheck keyMode(GateDefaults gate) {
        if (!gate.keyMode().equals("prod")) {
            return DoctorCheck.fail(DoctorCheck.PRODUCTION, "production_key_mode", "gate.key_mode must be prod for production readiness",
                    "set gate.key_mode: prod in " + CONFIG);
        }
        return DoctorCheck.pass(DoctorCheck.PRODUCTION, "production_key_mode", "gate.key_mode is prod");
    }

    /** The TTLs are validated when the file is read; production needs all three. */
    private static DoctorCheck retention(ProjectConfig config) {
        if (!config.retention().complete()) {
            return DoctorCheck.fail(DoctorCheck.PRODUCTION, "production_retention",
                    "retention.trace_ttl, retention.session_ttl, and retention.export_ttl are required",
                    "set retention trace/session/export TTLs in " + CONFIG + " (profiles: docs/doctor.md#retention-profiles)");
        }
        return DoctorCheck.pass(DoctorCheck.PRODUCTION, "production_retention", "retention TTLs are configured");
    }

    private static DoctorCheck serviceBoundary(McpServeSettings mcp) {
        String name = "production_service_boundary";
        if (!mcp.configured()) {
            return DoctorCheck.pass(DoctorCheck.PRODUCTION, name, "mcp_serve not configured");
        }
        String problem;
        String fix;
        if (!isLoopback(mcp.effectiveListen()) && !mcp.authMode().equals("token")) {
            problem = "non-loopback mcp_serve.listen requires mcp_serve.auth_mode=token";
            fix = "set mcp_serve.auth_mode: token";
        } else if (mcp.authMode().equals("token") && mcp.authTokenEnv().isEmpty()) {
            problem = "mcp_serve.auth_mode=token requires mcp_serve.auth_token_env";
            fix = "set mcp_serve.auth_token_env";
        } else if (mcp.allowClientArtifactPaths()) {
            problem = "mcp_serve.allow_client_artifact_paths must be false in production";
            fix = "set mcp_serve.allow_client_artifact_paths: false";
        } else if (mcp.maxRequestBytes() <= 0 || mcp.maxRequestBytes() > MAX_REQUEST_BYTES) {
            problem = "mcp_serve.max_request_bytes must be >0 and <=" + MAX_REQUEST_BYTES;
            fix = "set mcp_serve.max_request_bytes: 1048576";
        } else if (!mcp.httpVerdictStatus().equals("strict")) {
            problem = "mcp_serve.http_verdict_status must be strict in production";
            fix = "set mcp_serve.http_verdict_status: strict";
        } else {
            return DoctorCheck.pass(DoctorCheck.PRODUCTION, name, "service boundary hardening settings are configured");
        }
        return DoctorCheck.fail(DoctorCheck.PRODUCTION, name, problem, fix + " in " + CONFIG);
    }

    private static DoctorCheck contextStrictness(GateDefaults gate) {
        String name = "production_context_strictness";
        if (!gate.profile().equals(OssProdProfile.NAME)) {
            return DoctorCheck.fail(DoctorCheck.PRODUCTION, name, "strict context enforcement requires gate.profile=oss-prod",
                    "set gate.profile: oss-prod in " + CONFIG);
        }
        if (gate.policy().isEmpty()) {
            return DoctorCheck.fail(DoctorCheck.PRODUCTION, name, "gate.policy must be set for strict context enforcement",
                    "set gate.policy in " + CONFIG);
        }
        return DoctorCheck.pass(DoctorCheck.PRODUCTION, name, "strict context profile is configured");
    }

    /** The configured policy must load and satisfy the oss-prod rules, or every production gate eval refuses it. */
    private static DoctorCheck policy(GateDefaults gate, Path workDir) {
        String name = "production_policy";
        if (gate.policy().isEmpty()) {
            return DoctorCheck.fail(DoctorCheck.PRODUCTION, name, "no gate.policy to check against the oss-prod rules",
                    "set gate.policy in " + CONFIG);
        }
        String file = gate.policy();
        List<String> problems;
        try {
            Policy policy = Policy.parse(new String(InputFiles.read(workDir.resolve(file), InputFiles.DEFAULT_MAX_BYTES),
                    StandardCharsets.UTF_8), file);
            problems = OssProdProfile.policyProblems(policy, gate.brokerConfigured());
        } catch (GaitException e) {
            return DoctorCheck.fail(DoctorCheck.PRODUCTION, name, "gate.policy " + file + " does not load: " + e.getMessage(),
                    "gait policy validate " + Shell.quote(file));
        }
        if (!problems.isEmpty()) {
            return DoctorCheck.fail(DoctorCheck.PRODUCTION, name, String.join("; ", problems),
                    "edit " + Shell.quote(file) + " (docs/gate.md), then run gait check --policy " + Shell.quote(file));
        }
        return DoctorCheck.pass(DoctorCheck.PRODUCTION, name, "gate.policy " + file + " satisfies the oss-prod rules");
    }

    /** Literal loopback addresses and {@code localhost}; host names are never resolved (no network). */
    static boolean isLoopback(String listen) {
        int colon = listen.lastIndexOf(':');
        String host = (colon < 0 ? listen : listen.substring(0, colon)).strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.toLowerCase(Locale.ROOT).equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.ofLiteral(host).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
