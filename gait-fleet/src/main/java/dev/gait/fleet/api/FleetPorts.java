package dev.gait.fleet.api;

import dev.gait.fleet.ingest.ArtifactIndex;
import java.util.function.BooleanSupplier;

/**
 * What the HTTP layer needs from storage, tenancy, the registry and the bundle format, each
 * through a small interface.
 *
 * @param ready whether the store answers (the readiness probe)
 */
public record FleetPorts(Authenticator authenticator, Tenants tenants, Releases releases, BundleBuilder bundles,
                         Rollouts rollouts, StatusReports status, ArtifactIndex artifacts, TrustedKeys trustedKeys,
                         AuditLog audit, BooleanSupplier ready) {}
