package dev.gait.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON documents against the Gait v1 JSON Schemas (draft 2020-12, with {@code format}
 * asserted), so that every artifact a test produces can be checked against the contract.
 *
 * <p>Schemas are named by their path below {@code schemas/v1}, e.g. {@code "runpack/manifest"}; the
 * project's own fleet schemas (releases and bundles, not part of v1) as {@code "fleet/release"}.
 */
public final class GaitSchemas {

    private static final String ROOT = "/gait-v1/schemas/v1/";
    private static final String FLEET = "fleet/";
    private static final String FLEET_ROOT = "/gait-fleet/schemas/";
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    // cross-schema references name the schemas' published ids; resolve them from the classpath
                    .schemaIdResolvers(resolvers -> resolvers.mapPrefix("https://gait.dev/schemas/v1/", "classpath:gait-v1/schemas/v1/")
                            .mapPrefix("https://gait.dev/schemas/fleet/", "classpath:gait-fleet/schemas/")));
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private GaitSchemas() {}

    /** Returns the schema violations of {@code json} against schema {@code name}; empty when valid. */
    public static List<String> violations(String name, String json) {
        List<Error> errors = schema(name).validate(json, InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }

    /** Throws {@link AssertionError} listing every violation when {@code json} does not conform. */
    public static void assertValid(String name, String json) {
        List<String> violations = violations(name, json);
        if (!violations.isEmpty()) {
            throw new AssertionError("document does not conform to " + name + ": " + violations + "\n" + json);
        }
    }

    /** Whether a schema of that name ships with the testkit. */
    public static boolean exists(String name) {
        return GaitSchemas.class.getResource(resourcePath(name)) != null;
    }

    private static Schema schema(String name) {
        return CACHE.computeIfAbsent(name, GaitSchemas::load);
    }

    private static Schema load(String name) {
        try (InputStream in = GaitSchemas.class.getResourceAsStream(resourcePath(name))) {
            if (in == null) {
                throw new IllegalArgumentException("no Gait v1 schema named " + name);
            }
            return REGISTRY.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resourcePath(String name) {
        return name.startsWith(FLEET) ? FLEET_ROOT + name.substring(FLEET.length()) + ".schema.json" : ROOT + name + ".schema.json";
    }
}
