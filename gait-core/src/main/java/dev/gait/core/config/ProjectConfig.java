package dev.gait.core.config;

import dev.gait.core.fs.InputFiles;
import dev.gait.core.yaml.StrictYaml;
import dev.gait.core.yaml.YamlMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The project defaults file {@code .gait/config.yaml}: {@code gate} (defaults for {@code gate eval}),
 * {@code mcp_serve} (the service boundary) and {@code retention} (artifact TTLs). Parsed strictly: an
 * unknown key, a value of the wrong type or an unknown enumeration value is an error naming the key.
 * Values are trimmed. An empty file (or one holding only comments) is an empty configuration.
 */
public record ProjectConfig(GateDefaults gate, McpServeSettings mcpServe, RetentionSettings retention) {
    public static final String DEFAULT_PATH = ".gait/config.yaml";
    public static final ProjectConfig EMPTY = new ProjectConfig(GateDefaults.EMPTY, McpServeSettings.NONE, RetentionSettings.NONE);
    /** A configuration is a few dozen lines; anything near this is not one. */
    static final int MAX_BYTES = 1024 * 1024;

    public static ProjectConfig parse(String yaml, String name) {
        YamlMap root = StrictYaml.loadMapOrEmpty(yaml, name);
        ProjectConfig config = new ProjectConfig(
                root.map("gate").map(gate -> GateDefaults.read(gate, name)).orElse(GateDefaults.EMPTY),
                root.map("mcp_serve").map(mcp -> McpServeSettings.read(mcp, name)).orElse(McpServeSettings.NONE),
                root.map("retention").map(retention -> RetentionSettings.read(retention, name)).orElse(RetentionSettings.NONE));
        root.rejectUnknownKeys();
        return config;
    }

    /** Reads and parses a configuration file; a missing or unreadable file is an error. */
    public static ProjectConfig load(Path path) {
        return parse(new String(InputFiles.read(path, MAX_BYTES), StandardCharsets.UTF_8), path.toString());
    }
}
