package dev.gait.fleet.tenancy;

import dev.gait.fleet.auth.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Organisations, their people, environments and enforcement points. */
public interface Tenancy {

    /**
     * Creates an organisation with its first administrator and an API token for them. Only the
     * operator of the control plane calls this (from the command line); a taken name is a conflict.
     */
    Bootstrap bootstrap(String organizationName, String adminEmail);

    Organization organization(Principal caller);

    Environment createEnvironment(Principal caller, String name, Map<String, String> labels);

    List<Environment> environments(Principal caller);

    Optional<Environment> environment(Principal caller, String environmentId);

    EnforcementPoint registerEnforcementPoint(Principal caller, String environmentId, String name, Map<String, String> labels);

    List<EnforcementPoint> enforcementPoints(Principal caller, String environmentId);

    /** A point of the organisation; an enforcement point's own credential may read its own point. */
    Optional<EnforcementPoint> enforcementPoint(Principal caller, String enforcementPointId);
}
