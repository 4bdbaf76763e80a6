package dev.gait.core.gate.broker;

import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Gait v1's {@code env} broker: the credential is an environment variable named after the
 * reference (or the tool), for example {@code GAIT_BROKER_TOKEN_TOOL_WRITE}; only a digest of its
 * value leaves this process. Variables with the same name and a suffix describe it
 * ({@code _EXPIRES_AT}, {@code _TTL_SECONDS}, {@code _SOURCE}, {@code _SCOPE}, …); without them it
 * is a five-minute credential of unknown access type.
 */
public final class EnvBroker implements CredentialBroker {
    private static final long DEFAULT_TTL_SECONDS = 300;
    /** Suffix → response member, for the variables that describe the credential. */
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("_ISSUED_AT", "issued_at"), Map.entry("_EXPIRES_AT", "expires_at"), Map.entry("_SOURCE", "source"),
            Map.entry("_ACCESS_TYPE", "access_type"), Map.entry("_ISSUER", "issuer"), Map.entry("_SUBJECT", "subject"),
            Map.entry("_OWNER", "owner"), Map.entry("_TARGET_BINDING", "target_binding"), Map.entry("_RUN_BINDING", "run_binding"),
            Map.entry("_JOB_BINDING", "job_binding"));

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
        String key = prefix + envKey(request.reference().isBlank() ? request.toolName() : request.reference());
        if (describesACredential(key)) {
            // a tool named like "tool.write.ttl_seconds" must not turn a describing variable into a credential
            throw new BrokerException("broker_env_credential_missing", key + " names a variable that describes a credential, not one");
        }
        String value = variable(key);
        if (value.isEmpty()) {
            throw new BrokerException("broker_env_credential_missing", "environment variable " + key + " is not set");
        }
        JsonObject.Builder response = JsonObject.builder()
                .put("credential_ref", "env:" + key + ":" + Digests.sha256Hex(value).substring(0, 16))
                .put("source", "env")
                .put("access_type", "unknown")
                .put("request_digest", request.digest());
        DESCRIPTIONS.forEach((suffix, member) -> response.putOmitEmpty(member, variable(key + suffix)));
        String scope = variable(key + "_SCOPE");
        response.putStrings("scope", scope.isEmpty() ? request.scope() : Arrays.asList(scope.split(",")));
        String ttl = variable(key + "_TTL_SECONDS");
        try {
            response.put("ttl_seconds", ttl.isEmpty() ? DEFAULT_TTL_SECONDS : Long.parseLong(ttl));
        } catch (NumberFormatException e) {
            throw new BrokerException("broker_output_invalid", key + "_TTL_SECONDS must be a whole number of seconds");
        }
        return BrokerResponse.of(response.build(), request, now, name());
    }

    private static boolean describesACredential(String key) {
        return key.endsWith("_SCOPE") || key.endsWith("_TTL_SECONDS") || DESCRIPTIONS.keySet().stream().anyMatch(key::endsWith);
    }

    private String variable(String key) {
        return environment.getOrDefault(key, "").strip();
    }

    /** The reference as an environment variable name: upper case, anything but letters, digits and {@code _} as {@code _}. */
    static String envKey(String reference) {
        String key = reference.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]+", "_").replaceAll("^_+|_+$", "");
        return key.isEmpty() ? "DEFAULT" : key;
    }
}
