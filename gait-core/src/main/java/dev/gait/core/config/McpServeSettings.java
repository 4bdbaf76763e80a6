package dev.gait.core.config;

import dev.gait.core.error.GaitException;
import dev.gait.core.yaml.YamlMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code mcp_serve:} section: how the MCP decision service listens and authenticates.
 * {@code auth_mode} and {@code http_verdict_status} are lower-cased; {@code max_request_bytes} is 0
 * when unset.
 */
public record McpServeSettings(boolean enabled, String listen, String authMode, String authTokenEnv, long maxRequestBytes,
                               String httpVerdictStatus, boolean allowClientArtifactPaths) {
    public static final McpServeSettings NONE = new McpServeSettings(false, "", "", "", 0, "", false);
    /** Where the service listens when the section enables it without {@code listen}. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:8787";
    public static final List<String> VERDICT_STATUSES = List.of("compat", "strict");
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]+\\]|[^:\\[\\]]*):\\d{1,5}");

    static McpServeSettings read(YamlMap mcp, String document) {
        long maxRequestBytes = mcp.integer("max_request_bytes").orElse(0L);
        if (maxRequestBytes < 0) {
            throw GaitException.invalidInput(document + ": mcp_serve.max_request_bytes must not be negative");
        }
        McpServeSettings settings = new McpServeSettings(
                mcp.bool("enabled"),
                mcp.string("listen").strip(),
                mcp.string("auth_mode").strip().toLowerCase(Locale.ROOT),
                mcp.string("auth_token_env").strip(),
                maxRequestBytes,
                mcp.string("http_verdict_status").strip().toLowerCase(Locale.ROOT),
                mcp.bool("allow_client_artifact_paths"));
        mcp.rejectUnknownKeys();
        if (!settings.listen.isEmpty() && !HOST_PORT.matcher(settings.listen).matches()) {
            throw GaitException.invalidInput(document + ": mcp_serve.listen must be host:port (got \"" + settings.listen + "\")");
        }
        if (!settings.httpVerdictStatus.isEmpty() && !VERDICT_STATUSES.contains(settings.httpVerdictStatus)) {
            throw GaitException.invalidInput(document + ": mcp_serve.http_verdict_status must be compat or strict (got \""
                    + settings.httpVerdictStatus + "\")");
        }
        return settings;
    }

    /** Whether the section asks for the service at all: enabled, or given an address to listen on. */
    public boolean configured() {
        return enabled || !listen.isEmpty();
    }

    /** The address the service listens on: {@code listen}, else the default loopback address. */
    public String effectiveListen() {
        return listen.isEmpty() ? DEFAULT_LISTEN : listen;
    }
}
