package dev.gait.fleet.api;

import dev.gait.fleet.distribution.Distribution;
import dev.gait.serve.http.Reply;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every route of the fleet API under {@code /v1}, bound to the ports. */
public final class FleetApi {

    private FleetApi() {}

    public static List<ApiRoute> routes(FleetPorts ports, Distribution distribution, Clock clock) {
        List<ApiRoute> routes = new ArrayList<>();
        routes.addAll(new TenancyApi(ports.tenants()).routes());
        routes.addAll(new RegistryApi(ports.releases()).routes());
        routes.addAll(new DistributionApi(ports, distribution, clock).routes());
        routes.addAll(new ArtifactApi(ports, clock).routes());
        routes.add(ApiRoute.get("/v1/orgs/{org}/audit/export", Access.ADMIN,
                "The organisation's hash-chained audit log, one JSON record a line",
                (call, caller) -> new Reply(200, "application/x-ndjson", ports.audit().export(call.param("org")),
                        Map.of())));
        return List.copyOf(routes);
    }
}
