package dev.gait.core.gate.broker;

import dev.gait.core.canon.GoTime;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonNumber;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns what a broker program printed into a {@link Credential}. Two forms are accepted, as in Gait
 * v1: a plain response ({@code credential_ref}, {@code scope}, {@code ttl_seconds} or
 * {@code expires_at}, {@code request_digest}, …) and a provider receipt ({@code "provider":
 * "aws_sts"} with the provider's own identifiers), whose defaults and credential reference come from
 * the provider. Either form that carries secret material instead of references is refused.
 */
final class BrokerResponse {
    static final int MAX_REF_CHARS = 256;
    static final long MAX_TTL_SECONDS = 86_400;
    /** How far a broker's clock may run ahead of ours. */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofSeconds(60);
    private static final Set<String> SECRET_MEMBERS = Set.of("token", "secret", "password", "access_token", "secret_access_key",
            "session_token", "private_key", "client_secret");
    /** How well-known secrets begin: GitHub tokens, API keys, AWS access key ids. */
    private static final List<String> SECRET_PREFIXES = List.of("ghp_", "gho_", "github_pat_", "sk-", "AKIA", "ASIA");
    private static final List<String> REFERENCE_PREFIXES = List.of("ref:", "stub:", "cmd:", "env:", "aws_sts:", "github_oidc:",
            "vault_dynamic:", "gcp_sts:", "azure_federated:", "okta_cyberark:", "file:");

    /**
     * A credential provider: its default issuer, and the receipt members its credential reference is
     * derived from when the receipt names none (alternatives in order; within one alternative the
     * first member is required and later ones are appended when present).
     */
    private record Provider(String name, String issuer, List<List<String>> referenceForms) {}

    private static final Map<String, Provider> PROVIDERS = providers();

    private BrokerResponse() {}

    private static Map<String, Provider> providers() {
        Map<String, Provider> byAlias = new HashMap<>();
        register(byAlias, new Provider("aws_sts", "sts.amazonaws.com", List.of(List.of("assumed_role_arn"), List.of("session_arn"))),
                "aws", "sts");
        register(byAlias, new Provider("github_oidc", "token.actions.githubusercontent.com",
                List.of(List.of("repository", "workflow_ref"))), "github", "oidc");
        register(byAlias, new Provider("vault_dynamic", "vault", List.of(List.of("lease_id"))), "vault");
        register(byAlias, new Provider("gcp_sts", "sts.googleapis.com",
                List.of(List.of("principal"), List.of("workload_identity_provider"))), "gcp");
        register(byAlias, new Provider("azure_federated", "login.microsoftonline.com",
                List.of(List.of("service_principal_id", "federated_credential_id"))), "azure");
        register(byAlias, new Provider("okta_cyberark", "okta-cyberark", List.of(List.of("broker_session_id"))), "okta", "cyberark");
        register(byAlias, new Provider("command", "command", List.of()));
        register(byAlias, new Provider("file", "file", List.of()));
        return Map.copyOf(byAlias);
    }

    private static void register(Map<String, Provider> byAlias, Provider provider, String... aliases) {
        byAlias.put(provider.name(), provider);
        for (String alias : aliases) {
            byAlias.put(alias, provider);
        }
    }

    static Credential parse(byte[] output, BrokerRequest request, Instant now, String broker) {
        JsonObject response;
        try {
            response = JsonReader.strict().readObject(output);
        } catch (JsonException e) {
            throw invalid("credential command printed no JSON response: " + e.getMessage());
        }
        return of(response, request, now, broker);
    }

    /** The credential a response's members describe (a plain response, or a receipt when it names a provider). */
    static Credential of(JsonObject response, BrokerRequest request, Instant now, String broker) {
        rejectSecrets(response, "the answer");
        String providerName = text(response, "provider").toLowerCase(Locale.ROOT);
        if (providerName.isEmpty()) {
            return plain(response, request, now, broker);
        }
        Provider provider = PROVIDERS.get(providerName);
        if (provider == null) {
            throw invalid("unsupported provider receipt: " + providerName);
        }
        return receipt(provider, response, request, now, broker);
    }

    /** A plain response must answer for this request itself: its request digest is not filled in. */
    private static Credential plain(JsonObject response, BrokerRequest request, Instant now, String broker) {
        String ref = reference(text(response, "credential_ref"));
        if (ref.isEmpty()) {
            throw invalid("credential_ref must be 1 to " + MAX_REF_CHARS + " characters");
        }
        Instant issuedAt = instant(response, "issued_at", now);
        // a plain response that does not say the credential is JIT is not taken for one (receipts are, as in v1)
        return new Credential(broker, ref, or(text(response, "source").toLowerCase(Locale.ROOT), "command"),
                text(response, "access_type").toLowerCase(Locale.ROOT),
                or(text(response, "issuer"), text(response, "issued_by")), text(response, "subject"), text(response, "owner"),
                scope(response, List.of()), issuedAt, expiry(response, issuedAt, now), text(response, "request_digest"),
                bindings(response, request));
    }

    /**
     * A provider receipt, normalised as Gait v1 does: the provider fills in source, issuer, JIT access,
     * the requester as subject and owner, the requested scope, the request's bindings and digest, and
     * a reference derived from its own identifiers (for example {@code aws_sts:<assumed role ARN>}).
     */
    private static Credential receipt(Provider provider, JsonObject response, BrokerRequest request, Instant now, String broker) {
        String ref = reference(text(response, "credential_ref"));
        if (ref.isEmpty()) {
            ref = reference(derivedReference(provider, response));
        }
        Instant issuedAt = instant(response, "issued_at", now);
        return new Credential(broker, ref, or(text(response, "source").toLowerCase(Locale.ROOT), provider.name()),
                or(text(response, "access_type").toLowerCase(Locale.ROOT), "jit"), or(text(response, "issuer"), provider.issuer()),
                or(text(response, "subject"), request.identity()), or(text(response, "owner"), request.identity()),
                scope(response, request.scope()), issuedAt, expiry(response, issuedAt, now),
                or(text(response, "request_digest"), request.digest()), bindings(response, request));
    }

    private static String derivedReference(Provider provider, JsonObject receipt) {
        for (List<String> form : provider.referenceForms()) {
            String first = text(receipt, form.getFirst());
            if (first.isEmpty()) {
                continue;
            }
            StringBuilder ref = new StringBuilder(provider.name()).append(':').append(first);
            for (String member : form.subList(1, form.size())) {
                String value = text(receipt, member);
                if (!value.isEmpty()) {
                    ref.append(':').append(value);
                }
            }
            return ref.toString();
        }
        List<String> needed = provider.referenceForms().stream().map(List::getFirst).toList();
        throw invalid(provider.name() + " receipt needs credential_ref" + (needed.isEmpty() ? "" : " or " + String.join(" or ", needed)));
    }

    /** The reference, checked: at most 256 characters, one line; empty when absent. */
    private static String reference(String ref) {
        if (ref.length() > MAX_REF_CHARS || ref.chars().anyMatch(c -> c == '\r' || c == '\n' || c == '\t')) {
            throw invalid("credential_ref must be one line of at most " + MAX_REF_CHARS + " characters");
        }
        return ref;
    }

    /** Refuses secret-named members and secret-looking strings anywhere in the answer, nested ones included. */
    private static void rejectSecrets(JsonValue value, String where) {
        switch (value) {
            case JsonObject object -> object.members().forEach((key, member) -> {
                if (SECRET_MEMBERS.contains(key)) {
                    throw new BrokerException("broker_output_contains_secret", "credential command returned a secret (" + key + "), not a reference");
                }
                rejectSecrets(member, key);
            });
            case dev.gait.core.json.JsonArray array -> array.elements().forEach(element -> rejectSecrets(element, where));
            case JsonString string when looksLikeSecret(string.value().strip()) -> throw new BrokerException("broker_output_contains_secret",
                    "credential command returned secret material in " + where + ", not a reference");
            default -> { }
        }
    }

    private static boolean looksLikeSecret(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return REFERENCE_PREFIXES.stream().noneMatch(lower::startsWith) && SECRET_PREFIXES.stream().anyMatch(value::startsWith);
    }

    private static List<String> scope(JsonObject response, List<String> fallback) {
        List<String> scope = new ArrayList<>();
        for (JsonValue entry : response.array("scope").map(a -> a.elements()).orElse(List.of())) {
            if (entry instanceof JsonString s && !s.value().isBlank()) {
                scope.add(s.value().strip().toLowerCase(Locale.ROOT));
            }
        }
        return scope.isEmpty() ? fallback : scope.stream().distinct().sorted().toList();
    }

    private static Credential.Bindings bindings(JsonObject response, BrokerRequest request) {
        Credential.Bindings requested = Credential.Bindings.of(request);
        return new Credential.Bindings(or(text(response, "target_binding"), requested.target()),
                or(text(response, "run_binding"), requested.run()), or(text(response, "job_binding"), requested.job()));
    }

    /**
     * The expiry: {@code expires_at}, else {@code issued_at + ttl_seconds}. A credential that is
     * already expired or outlives a day (far beyond any broker's lease) is refused.
     */
    private static Instant expiry(JsonObject response, Instant issuedAt, Instant now) {
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
            // a later issue time would shorten the lifetime the gate sees while the credential lives longer
            throw invalid("issued_at " + GoTime.formatUtc(issuedAt) + " is in the future");
        }
        Instant expires = instant(response, "expires_at", null);
        if (expires == null) {
            JsonValue ttl = response.get("ttl_seconds").orElse(null);
            if (ttl != null && !(ttl instanceof JsonNumber n && n.value() >= 0 && n.value() == Math.rint(n.value()))) {
                throw invalid("ttl_seconds must be a whole number of seconds");
            }
            expires = issuedAt.plusSeconds(ttl == null ? 0 : (long) Math.min(((JsonNumber) ttl).value(), MAX_TTL_SECONDS + 1.0));
        }
        if (expires.isAfter(now.plusSeconds(MAX_TTL_SECONDS))) {
            throw invalid("the credential lives more than " + MAX_TTL_SECONDS + " s");
        }
        if (expires.isAfter(issuedAt) && !expires.isAfter(now)) {
            throw invalid("the credential expired at " + GoTime.formatUtc(expires));
        }
        return expires;
    }

    private static Instant instant(JsonObject response, String key, Instant fallback) {
        String value = text(response, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return GoTime.parse(value).toInstant();
        } catch (IllegalArgumentException e) {
            throw invalid(key + " must be an RFC 3339 time: " + e.getMessage());
        }
    }

    private static String text(JsonObject response, String key) {
        return response.string(key).orElse("").strip();
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    private static BrokerException invalid(String message) {
        return new BrokerException("broker_output_invalid", message);
    }
}
