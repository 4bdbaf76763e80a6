package dev.gait.core.gate.broker;

import java.time.Instant;

/** Issues short-lived, scoped credentials for tool calls the gate allows. */
public interface CredentialBroker {

    String name();

    /** A credential for the request, or a {@link BrokerException}; never a partial answer. */
    Credential issue(BrokerRequest request, Instant now);
}
