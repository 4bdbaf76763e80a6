package dev.gait.fleet.http;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import dev.gait.core.version.GaitVersion;
import dev.gait.fleet.api.Access;
import dev.gait.fleet.api.ApiRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 description of the fleet API, generated from the same route list the router is
 * built from, so the two cannot drift. Every operation answers errors in one envelope.
 */
final class OpenApi {
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)}");

    private OpenApi() {}

    static JsonObject document(List<ApiRoute> routes) {
        Map<String, JsonObject.Builder> paths = new TreeMap<>();
        for (ApiRoute route : routes) {
            paths.computeIfAbsent(route.template(), t -> JsonObject.builder())
                    .put(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        JsonObject.Builder pathsJson = JsonObject.builder();
        paths.forEach((template, operations) -> pathsJson.put(template, operations.build()));
        return JsonObject.builder()
                .put("openapi", "3.1.0")
                .put("info", JsonObject.builder().put("title", "Gait fleet control plane").put("version", GaitVersion.current()).build())
                .put("paths", pathsJson.build())
                .put("components", JsonObject.builder()
                        .put("securitySchemes", JsonObject.builder()
                                .put("bearer", JsonObject.builder().put("type", "http").put("scheme", "bearer").build()).build())
                        .put("schemas", JsonObject.builder().put("Error", errorSchema()).build())
                        .build())
                .build();
    }

    private static JsonObject operation(ApiRoute route) {
        JsonObject.Builder operation = JsonObject.builder()
                .put("summary", route.summary())
                .put("x-gait-access", route.access().name().toLowerCase(Locale.ROOT));
        List<JsonValue> parameters = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(route.template());
        while (matcher.find()) {
            parameters.add(JsonObject.builder().put("name", matcher.group(1)).put("in", "path").put("required", true)
                    .put("schema", JsonObject.builder().put("type", "string").build()).build());
        }
        operation.putOmitEmpty("parameters", new JsonArray(parameters));
        if (route.access() != Access.PUBLIC) {
            operation.put("security", new JsonArray(List.of(JsonObject.builder().put("bearer", JsonArray.EMPTY).build())));
        }
        if (!route.bodyType().isEmpty()) {
            operation.put("requestBody", JsonObject.builder().put("required", true)
                    .put("content", JsonObject.builder().put(route.bodyType(), JsonObject.EMPTY).build()).build());
        }
        JsonObject error = JsonObject.builder().put("description", "error envelope")
                .put("content", JsonObject.builder().put("application/json", JsonObject.builder()
                        .put("schema", JsonObject.builder().put("$ref", "#/components/schemas/Error").build()).build()).build())
                .build();
        return operation.put("responses", JsonObject.builder()
                .put("2XX", JsonObject.builder().put("description", "success").build())
                .put("default", error).build()).build();
    }

    private static JsonObject errorSchema() {
        JsonObject string = JsonObject.builder().put("type", "string").build();
        return JsonObject.builder()
                .put("type", "object")
                .putStrings("required", List.of("ok", "error"))
                .put("properties", JsonObject.builder()
                        .put("ok", JsonObject.builder().put("const", false).build())
                        .put("error", JsonObject.builder().put("type", "object").putStrings("required", List.of("code", "message"))
                                .put("properties", JsonObject.builder().put("code", string).put("message", string).build()).build())
                        .build())
                .build();
    }
}
