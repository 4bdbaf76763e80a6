package dev.gait.core.gate.broker;

import dev.gait.core.digest.Digests;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Gait v1's {@code env} broker: the credential is an environment variable named after the
 * reference (or the tool), for example {@code GAIT_BROKER_TOKEN_TOOL_WRITE}; only a digest of its
 * value leaves this process.
 */
public final class EnvBroker implements CredentialBroker {
    private static final Duration TTL = Duration.ofSeconds(300);
    private final String prefix;
    private final Map<String, String> environment;

    public EnvBroker(String prefix, Map<String, String> environment) {
        this.prefix = prefix;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "env";
    }

    @Override
    public Credential issue(BrokerRequest request, Instant now) {
        String subject = request.reference().isBlank() ? request.toolName() : request.reference();
        String key = prefix + subject.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        String value = environment.getOrDefault(key, "").strip();
        if (value.isEmpty()) {
            throw new BrokerException("broker_env_credential_missing", "environment variable " + key + " is not set");
        }
        String ref = "env:" + key + ":" + Digests.sha256Hex(value).substring(0, 16);
        return new Credential(name(), ref, "env", "unknown", "", "", "", request.scope(), now, now.plus(TTL), request.digest());
    }
}
