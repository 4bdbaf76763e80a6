package dev.gait.core.gate;

import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rejects raw credentials passed where references belong: a value under a credential-like key
 * ({@code token}, {@code secret}, {@code api_key}, {@code access_key}, {@code password},
 * {@code credential}) that looks like a live secret rather than a reference or a digest.
 */
final class SecretCheck {
    private static final Pattern CREDENTIAL_KEY = Pattern.compile("token|secret|api[_-]?key|access[_-]?key|password|credential");
    private static final List<String> REFERENCE_SUFFIXES = List.of("_ref", "_refs", "_digest", "_digests", "_hash", "_issuer",
            "_source", "_type", "_ttl", "_ttl_seconds", "_id", "_ids", "_name", "_names", "_scope", "_scopes");
    private static final List<String> REFERENCE_PREFIXES = List.of("env:", "stub:", "cmd:", "ref:", "sha256:");
    private static final List<String> SECRET_PREFIXES = List.of("ghp_", "gho_", "github_pat_", "sk-", "AKIA", "ASIA");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

    private SecretCheck() {}

    /** Throws invalid input naming the member path (never the value) of the first raw credential. */
    static void rejectRawCredentials(JsonObject object, String path) {
        for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
            String memberPath = path + "." + member.getKey();
            check(member.getKey(), member.getValue(), memberPath);
        }
    }

    private static void check(String key, JsonValue value, String path) {
        switch (value) {
            case JsonObject nested -> rejectRawCredentials(nested, path);
            case JsonArray array -> {
                for (int i = 0; i < array.size(); i++) {
                    check(key, array.get(i), path + "[" + i + "]");
                }
            }
            case JsonString string -> {
                if (isCredentialKey(key) && looksLikeSecret(string.value())) {
                    throw IntentFields.invalid(path + " holds a raw credential; pass a reference (env:, ref:, sha256:) instead");
                }
            }
            default -> { }
        }
    }

    static boolean isCredentialKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return CREDENTIAL_KEY.matcher(lower).find() && REFERENCE_SUFFIXES.stream().noneMatch(lower::endsWith);
    }

    static boolean looksLikeSecret(String value) {
        if (REFERENCE_PREFIXES.stream().anyMatch(value::startsWith) || HEX64.matcher(value).matches()) {
            return false;
        }
        if (SECRET_PREFIXES.stream().anyMatch(value::startsWith)) {
            return true;
        }
        return value.length() >= 16 && value.chars().noneMatch(Character::isWhitespace)
                && value.chars().anyMatch(Character::isLetter) && value.chars().anyMatch(Character::isDigit);
    }
}
