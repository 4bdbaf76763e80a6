package dev.gait.fleet.config;

import dev.gait.core.error.GaitException;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.yaml.StrictYaml;
import dev.gait.core.yaml.YamlMap;
import dev.gait.fleet.artifacts.S3Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the control plane keeps its state. Everything defaults to the data directory (a SQLite file
 * and a directory of artifacts); a database URL switches the store to PostgreSQL and an S3 bucket
 * switches artifacts to object storage. Read from a YAML (or JSON) file, then overridden by
 * {@code GAIT_FLEET_*} environment variables.
 */
public record FleetConfig(Path dataDir, Optional<DatabaseSettings> database, Optional<S3Settings> s3) {

    public static final String DEFAULT_DATA_DIR = ".gait-fleet";
    static final int DEFAULT_MAX_CONNECTIONS = 10;
    static final String DEFAULT_REGION = "us-east-1";

    /** The SQLite file of the embedded store. */
    public Path sqliteFile() {
        return dataDir.resolve("fleet.db");
    }

    /** The directory of the filesystem artifact store. */
    public Path artifactsDir() {
        return dataDir.resolve("artifacts");
    }

    /** Reads {@code file} (when given) and applies the environment's overrides. */
    public static FleetConfig load(Optional<Path> file, Map<String, String> env) {
        YamlMap yaml = file.map(FleetConfig::readFile).orElse(StrictYaml.loadMapOrEmpty("", "environment"));
        String name = file.map(Path::toString).orElse("environment");
        Path dataDir = Path.of(setting(env, "GAIT_FLEET_DATA_DIR", yaml.string("data_dir"), DEFAULT_DATA_DIR));
        YamlMap database = yaml.map("database").orElse(StrictYaml.loadMapOrEmpty("", name));
        YamlMap s3 = yaml.map("artifacts").flatMap(artifacts -> {
            Optional<YamlMap> bucket = artifacts.map("s3");
            artifacts.rejectUnknownKeys();
            return bucket;
        }).orElse(StrictYaml.loadMapOrEmpty("", name));
        FleetConfig config = new FleetConfig(dataDir, databaseSettings(database, env, name), s3Settings(s3, env));
        yaml.rejectUnknownKeys();
        return config;
    }

    private static Optional<DatabaseSettings> databaseSettings(YamlMap yaml, Map<String, String> env, String name) {
        String url = setting(env, "GAIT_FLEET_DB_URL", yaml.string("url"), "");
        String user = setting(env, "GAIT_FLEET_DB_USER", yaml.string("user"), "");
        long maxConnections = yaml.integer("max_connections").orElse((long) DEFAULT_MAX_CONNECTIONS);
        yaml.rejectUnknownKeys();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw GaitException.invalidInput(name + ": database url must be a jdbc:postgresql: URL (without it the store is SQLite)");
        }
        if (maxConnections < 1 || maxConnections > 1000) {
            throw GaitException.invalidInput(name + ": database max_connections must be between 1 and 1000");
        }
        return Optional.of(new DatabaseSettings(url, user, env.getOrDefault("GAIT_FLEET_DB_PASSWORD", ""), (int) maxConnections));
    }

    private static Optional<S3Settings> s3Settings(YamlMap yaml, Map<String, String> env) {
        String bucket = setting(env, "GAIT_FLEET_S3_BUCKET", yaml.string("bucket"), "");
        String region = setting(env, "GAIT_FLEET_S3_REGION", yaml.string("region"), DEFAULT_REGION);
        String endpoint = setting(env, "GAIT_FLEET_S3_ENDPOINT", yaml.string("endpoint"), "");
        boolean pathStyle = env.containsKey("GAIT_FLEET_S3_PATH_STYLE")
                ? Boolean.parseBoolean(env.get("GAIT_FLEET_S3_PATH_STYLE"))
                : yaml.bool("path_style");
        yaml.rejectUnknownKeys();
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> endpointUri = endpoint.isEmpty() ? Optional.empty() : Optional.of(URI.create(endpoint));
        return Optional.of(new S3Settings(bucket, region, endpointUri, pathStyle));
    }

    private static String setting(Map<String, String> env, String variable, String fromFile, String fallback) {
        String value = env.getOrDefault(variable, "");
        if (!value.isEmpty()) {
            return value;
        }
        return fromFile.isEmpty() ? fallback : fromFile;
    }

    private static YamlMap readFile(Path file) {
        String text = new String(InputFiles.read(file, InputFiles.DEFAULT_MAX_BYTES), StandardCharsets.UTF_8);
        return StrictYaml.loadMapOrEmpty(text, file.toString());
    }
}
