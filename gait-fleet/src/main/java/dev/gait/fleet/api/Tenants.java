package dev.gait.fleet.api;

import dev.gait.core.json.JsonObject;
import dev.gait.fleet.distribution.EnforcementPoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Organisations, environments and enforcement points. Every method is scoped to one organisation
 * (or to an environment, which belongs to exactly one): nothing here reaches another tenant's
 * data. Implementations record each change in the audit log.
 */
public interface Tenants {

    /** The organisation's description; empty when it does not exist. */
    Optional<JsonObject> organisation(String organisation);

    JsonObject createEnvironment(String organisation, String name, String actor);

    List<JsonObject> environments(String organisation);

    /** Whether the environment exists and belongs to the organisation. */
    boolean hasEnvironment(String organisation, String environment);

    /**
     * Registers an enforcement point and issues its machine credential, scoped to the environment.
     *
     * @return the point's description with the credential in {@code token}, shown only this once
     */
    JsonObject registerPoint(String organisation, String environment, String pointId, Map<String, String> labels, String actor);

    List<EnforcementPoint> points(String organisation, String environment);

    /** A point of an environment, with its labels; empty when not registered there. */
    Optional<EnforcementPoint> point(String environment, String pointId);
}
