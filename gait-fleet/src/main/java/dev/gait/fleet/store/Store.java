package dev.gait.fleet.store;

import dev.gait.fleet.audit.AuditLog;
import dev.gait.fleet.credentials.Credentials;
import dev.gait.fleet.ingest.ArtifactIndex;
import dev.gait.fleet.posture.Posture;
import dev.gait.fleet.registry.Registry;
import dev.gait.fleet.tenancy.Tenancy;

/**
 * The control plane's durable state. Every operation takes the caller's principal, sees only its
 * organisation's rows, and appends an audit entry for each change in the same transaction.
 */
public interface Store extends AutoCloseable {

    Tenancy tenancy();

    Credentials credentials();

    Registry registry();

    AuditLog audit();

    ArtifactIndex artifactIndex();

    Posture posture();

    /** Whether the database answers now (the readiness probe). */
    boolean ready();

    @Override
    void close();
}
