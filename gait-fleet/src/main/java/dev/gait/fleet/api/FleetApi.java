package dev.gait.fleet.api;

import dev.gait.core.json.JsonObject;
import dev.gait.fleet.control.ControlPlane;
import dev.gait.fleet.distribution.Distribution;
import dev.gait.serve.http.Reply;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every route of the fleet API under {@code /v1}, bound to the control plane. */
public final class FleetApi {

    private FleetApi() {}

    public static List<ApiRoute> routes(ControlPlane control, Distribution distribution) {
        List<ApiRoute> routes = new ArrayList<>();
        routes.addAll(new TenancyApi(control.store()).routes());
        routes.addAll(new RegistryApi(control).routes());
        routes.addAll(new DistributionApi(control, distribution).routes());
        routes.addAll(new ArtifactApi(control).routes());
        routes.add(ApiRoute.get("/v1/orgs/{org}/audit/export", Access.ADMIN,
                "The organisation's hash-chained audit log, one JSON record a line, verifiable offline",
                (call, caller) -> {
                    StringWriter out = new StringWriter();
                    try {
                        control.store().audit().export(caller, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return new Reply(200, "application/x-ndjson", out.toString().getBytes(StandardCharsets.UTF_8), Map.of());
                }));
        routes.add(ApiRoute.get("/v1/orgs/{org}/audit/head", Access.ADMIN,
                "The newest audit entry's sequence and hash, which commit to the whole log (to check an export against)",
                (call, caller) -> Json.ok(200, "head", control.store().audit().head(caller)
                        .map(entry -> JsonObject.builder().put("seq", entry.seq()).put("hash", entry.hash()).build())
                        .orElse(JsonObject.EMPTY))));
        return List.copyOf(routes);
    }
}
