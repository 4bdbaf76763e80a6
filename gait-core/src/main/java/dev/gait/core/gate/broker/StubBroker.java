package dev.gait.core.gate.broker;

import dev.gait.core.digest.Ids;
import java.time.Duration;
import java.time.Instant;

/** Gait v1's {@code stub} broker: a deterministic, five-minute reference for trials and tests; it holds no secret. */
public final class StubBroker implements CredentialBroker {
    private static final Duration TTL = Duration.ofSeconds(300);

    @Override
    public String name() {
        return "stub";
    }

    @Override
    public Credential issue(BrokerRequest request, Instant now) {
        String ref = "stub:" + Ids.h12(String.join("|", request.toolName(), request.identity(), request.workspace(), request.sessionId(),
                request.requestId(), request.reference(), String.join(",", request.scope())));
        return new Credential(name(), ref, "stub", "jit", "stub", "", "", request.scope(), now, now.plus(TTL), request.digest(),
                Credential.Bindings.of(request));
    }
}
