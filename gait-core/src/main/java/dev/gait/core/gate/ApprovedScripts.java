package dev.gait.core.gate;

import static dev.gait.core.gate.RuleMatcher.text;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.JsonWriter;
import dev.gait.core.digest.Digests;
import dev.gait.core.error.GaitException;
import dev.gait.core.fs.AtomicFiles;
import dev.gait.core.fs.InputFiles;
import dev.gait.core.fs.LockFile;
import dev.gait.core.gate.policy.Policy;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.json.JsonValue;
import dev.gait.core.sign.Signer;
import dev.gait.core.version.GaitVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The approved-script registry ({@code gait.gate.approved_script_entry} 1.0.0 entries): scripts a
 * person approved once, for one policy, which then pass without a fresh approval. Every entry must
 * verify before any is used; an entry matches a script with the same policy digest and script hash,
 * the same tools in the same step order, and every scope condition met.
 */
public record ApprovedScripts(List<JsonObject> entries) {
    public static final String ENTRY_SCHEMA_ID = "gait.gate.approved_script_entry";

    public ApprovedScripts {
        entries = List.copyOf(entries);
    }

    /** The registry file: {@code {"entries":[…]}} or a bare array; a missing or empty file has no entries. */
    public static ApprovedScripts load(Path path) {
        if (!Files.exists(path)) {
            return new ApprovedScripts(List.of());
        }
        byte[] bytes = InputFiles.read(path, InputFiles.DEFAULT_MAX_BYTES);
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return new ApprovedScripts(List.of());
        }
        JsonValue root;
        try {
            root = JsonReader.strict().read(bytes);
        } catch (JsonException e) {
            throw GaitException.invalidInput("approved script registry " + path + ": " + e.getMessage(), e);
        }
        JsonArray array = root instanceof JsonArray a ? a
                : root instanceof JsonObject o ? o.array("entries").orElse(JsonArray.EMPTY) : null;
        if (array == null) {
            throw GaitException.invalidInput("approved script registry " + path + " is neither an object nor an array");
        }
        List<JsonObject> entries = new ArrayList<>();
        for (JsonValue value : array.elements()) {
            if (!(value instanceof JsonObject entry)) {
                throw GaitException.invalidInput("approved script registry " + path + ": an entry is not an object");
            }
            entries.add(entry);
        }
        return new ApprovedScripts(entries);
    }

    /**
     * A registry whose every entry verified. The gate takes only this type, so no surface can open
     * the fast path with entries nobody checked.
     */
    public static final class Verified {
        private final ApprovedScripts registry;

        private Verified(ApprovedScripts registry) {
            this.registry = registry;
        }

        /** The entry that pre-approves this script under this policy, or null. */
        JsonObject match(NormalizedIntent script, String policyDigest, Instant now) {
            return registry.match(script, policyDigest, now);
        }
    }

    /** The verified registry; an entry that is malformed, not signed by one of the keys, or expired is invalid input. */
    public Verified verify(List<byte[]> keys, Instant now) {
        String failure = verificationFailure(keys, now);
        if (!failure.isEmpty()) {
            throw GaitException.invalidInput(failure);
        }
        return new Verified(this);
    }

    /** Empty when every entry verifies with the key and is unexpired; else which entry failed and why. */
    private String verificationFailure(List<byte[]> keys, Instant now) {
        for (int i = 0; i < entries.size(); i++) {
            JsonObject entry = entries.get(i);
            String problem = "";
            if (!SignedTokens.isToken(entry, ENTRY_SCHEMA_ID) || text(entry, "pattern_id").isEmpty()
                    || !Digests.isSha256Hex(text(entry, "policy_digest")) || !Digests.isSha256Hex(text(entry, "script_hash"))
                    || RuleMatcher.strings(entry, "tool_sequence").isEmpty() || SignedTokens.instant(text(entry, "expires_at")) == null) {
                problem = "malformed entry";
            } else if (SignedTokens.signature(entry, keys) != SignedTokens.SignatureState.VERIFIED) {
                problem = "signature does not verify";
            } else if (!now.isBefore(SignedTokens.instant(text(entry, "expires_at")))) {
                problem = "entry expired";
            }
            if (!problem.isEmpty()) {
                return "approved script registry verification failed at entry " + i + ": " + problem;
            }
        }
        return "";
    }

    private JsonObject match(NormalizedIntent script, String policyDigest, Instant now) {
        List<String> tools = script.steps().stream().map(s -> s.toolName().toLowerCase(Locale.ROOT)).toList();
        for (JsonObject entry : entries) {
            Instant expires = SignedTokens.instant(text(entry, "expires_at"));
            if (text(entry, "policy_digest").equals(policyDigest) && text(entry, "script_hash").equals(script.scriptHash())
                    && expires != null && now.isBefore(expires)
                    // compared in step order, as the script runs (Gait v1 stores a sorted set: quirk 4, fixed)
                    && RuleMatcher.strings(entry, "tool_sequence").equals(tools)
                    && RuleMatcher.strings(entry, "scope").stream().allMatch(s -> scopeHolds(s, script))) {
                return entry;
            }
        }
        return null;
    }

    private static boolean scopeHolds(String scope, NormalizedIntent script) {
        int colon = scope.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String kind = scope.substring(0, colon);
        String value = scope.substring(colon + 1);
        return switch (kind) {
            case "risk" -> value.equals(text(script.context(), "risk_class").toLowerCase(Locale.ROOT));
            case "tool" -> value.equals(script.toolName());
            case "workspace_prefix" -> KillSwitch.underPrefix(text(script.context(), "workspace"), value);
            case "endpoint" -> script.steps().stream().flatMap(s -> s.targets().stream()).anyMatch(t -> t.endpointClass().equals(value));
            default -> false;
        };
    }

    /** Whether the policy asks for context evidence, which the fast path cannot vouch for. */
    static boolean requiresContext(Policy policy) {
        return policy.failClosed().requiredFields().contains("context_evidence")
                || policy.rules().stream().anyMatch(r -> r.requireContextEvidence() || r.requiredContextEvidenceMode().equals("required"));
    }

    /** What an approver vouches for: this script under this policy, within the scope, until the TTL ends. */
    public record Approval(String policyDigest, NormalizedIntent script, String approverIdentity, String patternId, List<String> scope,
                           Duration ttl, OffsetDateTime createdAt) {}

    public static JsonObject sign(Approval approval, Signer signer) {
        if (!approval.script().isScript()) {
            throw GaitException.invalidInput("only script intents can be approved as scripts");
        }
        if (approval.approverIdentity().isBlank()) {
            throw GaitException.invalidInput("an approved script needs an approver identity");
        }
        if (approval.ttl().isNegative() || approval.ttl().isZero()) {
            throw GaitException.invalidInput("approved script ttl must be positive");
        }
        String hash = approval.script().scriptHash();
        OffsetDateTime created = approval.createdAt().withOffsetSameInstant(ZoneOffset.UTC);
        JsonObject unsigned = JsonObject.builder()
                .put("schema_id", ENTRY_SCHEMA_ID)
                .put("schema_version", "1.0.0")
                .put("created_at", GoTime.format(created))
                .put("producer_version", GaitVersion.current())
                .put("pattern_id", approval.patternId().isBlank() ? "pattern_" + hash.substring(0, 12) : approval.patternId().strip())
                .put("policy_digest", approval.policyDigest())
                .put("script_hash", hash)
                .putStrings("tool_sequence", approval.script().steps().stream().map(s -> s.toolName().toLowerCase(Locale.ROOT)).toList())
                .putStringsOmitEmpty("scope", SignedTokens.scope(approval.scope()))
                .put("approver_identity", approval.approverIdentity().strip())
                .put("expires_at", GoTime.format(created.plus(approval.ttl())))
                .build();
        return SignedTokens.sign(unsigned, signer);
    }

    /** Adds the entry to the registry file, replacing one with the same pattern id, under a lock. */
    public static void upsert(Path registry, JsonObject entry, Clock clock) {
        try (LockFile ignored = LockFile.acquire(registry.resolveSibling(registry.getFileName() + ".lock"), "gait.gate.approved_script_lock",
                RateLimiter.LOCK_TIMING, clock, "approved_script_lock_timeout")) {
            List<JsonObject> entries = new ArrayList<>(load(registry).entries());
            entries.removeIf(e -> text(e, "pattern_id").equals(text(entry, "pattern_id")));
            entries.add(entry);
            entries.sort(Comparator.comparing((JsonObject e) -> text(e, "pattern_id"), GoStrings.BYTE_ORDER)
                    .thenComparing(e -> text(e, "created_at"), GoStrings.BYTE_ORDER));
            JsonObject file = JsonObject.builder().put("entries", new JsonArray(new ArrayList<JsonValue>(entries))).build();
            AtomicFiles.write(registry, (JsonWriter.GO_STRUCT_INDENTED.write(file) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
