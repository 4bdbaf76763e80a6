package dev.gait.core.gate;

import static dev.gait.core.gate.IntentFields.bool;
import static dev.gait.core.gate.IntentFields.invalid;
import static dev.gait.core.gate.IntentFields.lower;
import static dev.gait.core.gate.IntentFields.object;
import static dev.gait.core.gate.IntentFields.objects;
import static dev.gait.core.gate.IntentFields.oneOf;
import static dev.gait.core.gate.IntentFields.sortedSet;
import static dev.gait.core.gate.IntentFields.strings;
import static dev.gait.core.gate.IntentFields.text;
import static dev.gait.core.gate.IntentFields.trimmed;
import static dev.gait.core.gate.IntentFields.wholeNumber;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.canon.GoTime;
import dev.gait.core.digest.Digests;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import dev.gait.core.relationship.RelationshipEnvelope;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Normalises a {@code gait.gate.intent_request} the way Gait v1 does, so that the same request gives
 * the same {@code intent_digest}: trimmed and lowercased names, trimmed argument strings, targets
 * with inferred endpoint classes, sorted and de-duplicated lists, validated enums, delegation
 * chains checked link by link, and raw credentials rejected.
 */
public final class IntentNormalizer {
    public static final int MAX_SCRIPT_STEPS = 64;

    private static final Set<String> READ_OPS = Set.of("read", "get", "list", "open", "cat", "head", "download", "stat");
    private static final Set<String> WRITE_OPS = Set.of("write", "append", "put", "create", "update", "save", "copy", "move", "rename");
    private static final Set<String> DELETE_OPS = Set.of("delete", "remove", "rm", "unlink", "rmdir", "drop", "truncate");
    private static final Set<String> DNS_OPS = Set.of("dns", "resolve", "lookup");
    private static final Set<String> EXEC_WORDS = Set.of("exec", "spawn", "run", "shell", "command");
    private static final Set<String> DESTRUCTIVE_OPS = Set.of("delete", "remove", "rm", "unlink", "rmdir", "drop", "truncate", "exec", "spawn");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final List<String> CONTEXT_STRINGS = List.of("agent_id", "run_id", "workflow_id", "repo", "environment",
            "job_id", "session_id", "request_id", "credential_ref", "credential_issuer", "credential_subject", "credential_owner",
            "credential_target_binding", "credential_run_binding", "credential_job_binding", "approval_ref",
            "wrkr_inventory_ref", "agent_action_bom_ref", "environment_fingerprint");

    private IntentNormalizer() {}

    public static NormalizedIntent normalize(JsonObject intent) {
        JsonObject context = normalizeContext(object(intent, "context"));
        JsonObject scriptInput = object(intent, "script");
        List<Target> targets = new ArrayList<>();
        List<JsonObject> provenance;
        JsonObject script = null;
        List<NormalizedIntent> steps = new ArrayList<>();
        String toolName;
        JsonObject args = normalizeArgs(object(intent, "args"), "args");

        if (scriptInput != null) {
            toolName = "script";
            List<JsonObject> stepInputs = objects(scriptInput, "steps");
            if (stepInputs.isEmpty() || stepInputs.size() > MAX_SCRIPT_STEPS) {
                throw invalid("script.steps must hold 1 to " + MAX_SCRIPT_STEPS + " steps");
            }
            List<JsonValue> stepJson = new ArrayList<>();
            List<Target> unionTargets = new ArrayList<>();
            List<JsonObject> unionProvenance = new ArrayList<>();
            for (int i = 0; i < stepInputs.size(); i++) {
                JsonObject step = stepInputs.get(i);
                String stepTool = lower(step, "tool_name");
                if (stepTool.isEmpty()) {
                    throw invalid("script.steps[" + i + "].tool_name is required");
                }
                JsonObject stepArgs = normalizeArgs(object(step, "args"), "script.steps[" + i + "].args");
                List<Target> stepTargets = normalizeTargets(objects(step, "targets"), stepTool);
                List<JsonObject> stepProvenance = normalizeProvenance(objects(step, "arg_provenance"));
                unionTargets.addAll(stepTargets);
                unionProvenance.addAll(stepProvenance);
                stepJson.add(JsonObject.builder()
                        .put("tool_name", stepTool)
                        .put("args", stepArgs)
                        .putOmitEmpty("targets", NormalizedIntent.targetsJson(stepTargets))
                        .putOmitEmpty("arg_provenance", new JsonArray(List.<JsonValue>copyOf(stepProvenance)))
                        .build());
                steps.add(new NormalizedIntent(stepTool, stepArgs, stepTargets, stepProvenance, null, null, context, null,
                        List.of(), null));
            }
            script = JsonObject.builder().put("steps", new JsonArray(stepJson)).build();
            targets.addAll(normalizeTargets(objects(intent, "targets"), toolName));
            if (targets.isEmpty()) {
                targets.addAll(sortedTargets(unionTargets));
            }
            provenance = normalizeProvenance(objects(intent, "arg_provenance"));
            if (provenance.isEmpty()) {
                provenance = sortedProvenance(unionProvenance);
            }
        } else {
            toolName = lower(intent, "tool_name");
            if (toolName.isEmpty()) {
                throw invalid("tool_name is required");
            }
            targets.addAll(normalizeTargets(objects(intent, "targets"), toolName));
            provenance = normalizeProvenance(objects(intent, "arg_provenance"));
        }
        return new NormalizedIntent(toolName, args, targets, provenance, normalizeSkill(object(intent, "skill_provenance")),
                normalizeDelegation(object(intent, "delegation")), context, script, steps,
                RelationshipEnvelope.normalize(object(intent, "relationship")));
    }

    // ---- args ----

    /** Keys trimmed (an empty key is an error), every string value trimmed, raw credentials rejected. */
    static JsonObject normalizeArgs(JsonObject args, String path) {
        if (args == null) {
            return JsonObject.EMPTY;
        }
        JsonObject normalized = (JsonObject) normalizeValue(args, path);
        SecretCheck.rejectRawCredentials(normalized, path);
        return normalized;
    }

    private static JsonValue normalizeValue(JsonValue value, String path) {
        return switch (value) {
            case JsonObject object -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> member : object.members().entrySet()) {
                    String key = GoStrings.trimSpace(member.getKey());
                    if (key.isEmpty()) {
                        throw invalid(path + " has an empty key");
                    }
                    if (members.put(key, normalizeValue(member.getValue(), path + "." + key)) != null) {
                        throw invalid(path + " has the key " + key + " twice after trimming");
                    }
                }
                yield new JsonObject(members);
            }
            case JsonArray array -> {
                List<JsonValue> elements = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    elements.add(normalizeValue(array.get(i), path + "[" + i + "]"));
                }
                yield new JsonArray(elements);
            }
            case JsonString string -> new JsonString(GoStrings.trimSpace(string.value()));
            default -> value;
        };
    }

    // ---- targets ----

    static List<Target> normalizeTargets(List<JsonObject> inputs, String toolName) {
        List<Target> targets = new ArrayList<>();
        for (JsonObject input : inputs) {
            targets.add(normalizeTarget(input, toolName));
        }
        return sortedTargets(targets);
    }

    private static List<Target> sortedTargets(List<Target> targets) {
        return targets.stream().distinct().sorted(Target.ORDER).toList();
    }

    private static Target normalizeTarget(JsonObject input, String toolName) {
        String kind = oneOf(lower(input, "kind"), GateVocabulary.TARGET_KINDS, "targets[].kind");
        String value = trimmed(input, "value");
        if (kind.isEmpty() || value.isEmpty()) {
            throw invalid("targets[] need kind and value");
        }
        String operation = lower(input, "operation");
        String endpointClass = lower(input, "endpoint_class");
        if (endpointClass.isEmpty()) {
            endpointClass = inferEndpointClass(kind, operation, toolName);
        }
        oneOf(endpointClass, GateVocabulary.ENDPOINT_CLASSES, "targets[].endpoint_class");
        String domain = lower(input, "endpoint_domain");
        if (domain.isEmpty()) {
            domain = inferDomain(kind, value);
        }
        String discovery = lower(input, "discovery_method").replace('-', '_').replace(' ', '_');
        discovery = oneOf(discovery.isEmpty() ? "unknown" : discovery, GateVocabulary.DISCOVERY_METHODS, "targets[].discovery_method");
        boolean destructiveHint = bool(input, "destructive_hint");
        boolean destructive = bool(input, "destructive") || destructiveHint
                || endpointClass.equals("fs.delete") || endpointClass.equals("proc.exec") || DESTRUCTIVE_OPS.contains(operation);
        return new Target(kind, value, operation, lower(input, "sensitivity"), endpointClass, domain, destructive, discovery,
                bool(input, "read_only_hint"), destructiveHint, bool(input, "idempotent_hint"), bool(input, "open_world_hint"));
    }

    static String inferEndpointClass(String kind, String operation, String toolName) {
        String hint = toolName.substring(toolName.lastIndexOf('/') + 1);
        return switch (kind) {
            case "path" -> {
                if (READ_OPS.contains(operation)) {
                    yield "fs.read";
                }
                if (WRITE_OPS.contains(operation)) {
                    yield "fs.write";
                }
                if (DELETE_OPS.contains(operation)) {
                    yield "fs.delete";
                }
                if (containsAny(hint, "read", "list", "fetch", "search")) {
                    yield "fs.read";
                }
                if (containsAny(hint, "write", "update", "save", "create")) {
                    yield "fs.write";
                }
                yield containsAny(hint, "delete", "remove", "rm", "drop") ? "fs.delete" : "other";
            }
            case "host", "url" -> DNS_OPS.contains(operation) ? "net.dns" : "net.http";
            case "other" -> EXEC_WORDS.contains(operation) || containsAny(hint, EXEC_WORDS.toArray(String[]::new)) ? "proc.exec" : "other";
            default -> "other";
        };
    }

    private static boolean containsAny(String text, String... words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    static String inferDomain(String kind, String value) {
        if (kind.equals("host")) {
            String host = value.replaceFirst("^(?i)https?://", "");
            int slash = host.indexOf('/');
            host = slash >= 0 ? host.substring(0, slash) : host;
            int colon = host.indexOf(':');
            return (colon >= 0 ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT);
        }
        if (kind.equals("url")) {
            try {
                String host = java.net.URI.create(value).getHost();
                return host == null ? "" : host.toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return "";
    }

    // ---- provenance ----

    static List<JsonObject> normalizeProvenance(List<JsonObject> inputs) {
        List<JsonObject> entries = new ArrayList<>();
        for (JsonObject input : inputs) {
            String argPath = trimmed(input, "arg_path");
            String source = oneOf(lower(input, "source"), GateVocabulary.PROVENANCE_SOURCES, "arg_provenance[].source");
            if (argPath.isEmpty() || source.isEmpty()) {
                throw invalid("arg_provenance[] need arg_path and source");
            }
            String digest = lower(input, "integrity_digest");
            if (!digest.isEmpty() && !HEX64.matcher(digest).matches()) {
                throw invalid("arg_provenance[].integrity_digest must be a SHA-256 hex digest");
            }
            entries.add(JsonObject.builder()
                    .put("arg_path", argPath)
                    .put("source", source)
                    .putOmitEmpty("source_ref", trimmed(input, "source_ref"))
                    .putOmitEmpty("integrity_digest", digest)
                    .build());
        }
        return sortedProvenance(entries);
    }

    private static List<JsonObject> sortedProvenance(List<JsonObject> entries) {
        TreeMap<List<String>, JsonObject> unique = new TreeMap<>(Comparator
                .<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1))
                .thenComparing(k -> k.get(2)).thenComparing(k -> k.get(3)));
        for (JsonObject entry : entries) {
            unique.putIfAbsent(List.of(entry.string("arg_path").orElse(""), entry.string("source").orElse(""),
                    entry.string("source_ref").orElse(""), entry.string("integrity_digest").orElse("")), entry);
        }
        return List.copyOf(unique.values());
    }

    // ---- skill provenance and delegation ----

    private static JsonObject normalizeSkill(JsonObject skill) {
        if (skill == null) {
            return null;
        }
        String name = trimmed(skill, "skill_name");
        String source = lower(skill, "source");
        String publisher = trimmed(skill, "publisher");
        if (name.isEmpty() || source.isEmpty() || publisher.isEmpty()) {
            throw invalid("skill_provenance needs skill_name, source and publisher");
        }
        return JsonObject.builder()
                .put("skill_name", name)
                .putOmitEmpty("skill_version", trimmed(skill, "skill_version"))
                .put("source", source)
                .put("publisher", publisher)
                .putOmitEmpty("digest", hex64(lower(skill, "digest"), "skill_provenance.digest"))
                .putOmitEmpty("signature_key_id", trimmed(skill, "signature_key_id"))
                .build();
    }

    private static JsonObject normalizeDelegation(JsonObject delegation) {
        if (delegation == null) {
            return null;
        }
        String requester = trimmed(delegation, "requester_identity");
        if (requester.isEmpty()) {
            throw invalid("delegation.requester_identity is required");
        }
        List<JsonValue> chain = new ArrayList<>();
        String previousDelegate = null;
        List<JsonObject> links = objects(delegation, "chain");
        for (int i = 0; i < links.size(); i++) {
            JsonObject link = links.get(i);
            String delegator = trimmed(link, "delegator_identity");
            String delegate = trimmed(link, "delegate_identity");
            if (delegator.isEmpty() || delegate.isEmpty()) {
                throw invalid("delegation.chain[" + i + "] needs delegator_identity and delegate_identity");
            }
            if (previousDelegate != null && !delegator.equals(previousDelegate)) {
                throw invalid("delegation.chain[" + i + "].delegator_identity must be the previous link's delegate");
            }
            previousDelegate = delegate;
            OffsetDateTime issued = time(link, "issued_at");
            OffsetDateTime expires = time(link, "expires_at");
            checkOrder(issued, expires, "delegation.chain[" + i + "]");
            chain.add(JsonObject.builder()
                    .put("delegator_identity", delegator)
                    .put("delegate_identity", delegate)
                    .putOmitEmpty("scope_class", lower(link, "scope_class"))
                    .putOmitEmpty("token_ref", trimmed(link, "token_ref"))
                    .put("issued_at", issued)
                    .put("expires_at", expires)
                    .build());
        }
        if (previousDelegate != null && !previousDelegate.equals(requester)) {
            throw invalid("the last delegation link's delegate must be the requester_identity");
        }
        OffsetDateTime issued = time(delegation, "issued_at");
        OffsetDateTime expires = time(delegation, "expires_at");
        checkOrder(issued, expires, "delegation");
        return JsonObject.builder()
                .put("requester_identity", requester)
                .putOmitEmpty("scope_class", lower(delegation, "scope_class"))
                .putStringsOmitEmpty("token_refs", sortedSet(strings(delegation, "token_refs"), false))
                .putOmitEmpty("chain", new JsonArray(chain))
                .put("issued_at", issued)
                .put("expires_at", expires)
                .build();
    }

    // ---- context ----

    static JsonObject normalizeContext(JsonObject context) {
        if (context == null) {
            throw invalid("context is required (identity, workspace, risk_class)");
        }
        String identity = trimmed(context, "identity");
        String workspace = trimmed(context, "workspace").replace('\\', '/');
        String riskClass = lower(context, "risk_class");
        if (identity.isEmpty() || workspace.isEmpty() || riskClass.isEmpty()) {
            throw invalid("context.identity, context.workspace and context.risk_class are required");
        }
        String phase = lower(context, "phase");
        phase = phase.isEmpty() ? "apply" : oneOf(phase, Set.of("plan", "apply"), "context.phase");
        JsonObject.Builder out = JsonObject.builder()
                .put("identity", identity)
                .put("workspace", workspace)
                .put("risk_class", riskClass)
                .put("phase", phase);
        for (String key : CONTEXT_STRINGS) {
            out.putOmitEmpty(key, trimmed(context, key));
        }
        out.putOmitEmpty("credential_source", oneOf(lower(context, "credential_source"), GateVocabulary.CREDENTIAL_SOURCES, "context.credential_source"))
                .putOmitEmpty("credential_access_type",
                        oneOf(lower(context, "credential_access_type"), GateVocabulary.CREDENTIAL_ACCESS_TYPES, "context.credential_access_type"))
                .putOmitEmpty("credential_ttl_seconds", nonNegative(wholeNumber(context, "credential_ttl_seconds"), "context.credential_ttl_seconds"))
                .putStringsOmitEmpty("credential_scopes", sortedSet(strings(context, "credential_scopes"), false))
                .putOmitEmpty("agent_identity", normalizeAgentIdentity(object(context, "agent_identity")))
                .putOmitEmpty("auth_context", normalizeArgs(object(context, "auth_context"), "context.auth_context"))
                .putOmitEmpty("sandbox", normalizeSandbox(object(context, "sandbox")))
                .putOmitEmpty("context_set_digest", hex64(lower(context, "context_set_digest"), "context.context_set_digest"))
                .putOmitEmpty("context_evidence_mode",
                        oneOf(lower(context, "context_evidence_mode"), Set.of("best_effort", "required"), "context.context_evidence_mode"))
                .putStringsOmitEmpty("context_refs", sortedSet(strings(context, "context_refs"), false));
        return out.build();
    }

    private static JsonObject normalizeAgentIdentity(JsonObject agent) {
        if (agent == null) {
            return null;
        }
        OffsetDateTime issued = time(agent, "issued_at");
        OffsetDateTime approved = time(agent, "approved_at");
        OffsetDateTime expires = time(agent, "expires_at");
        if (!isZero(issued) && !isZero(approved) && approved.isBefore(issued)) {
            throw invalid("context.agent_identity.approved_at must not be before issued_at");
        }
        if (!isZero(expires) && ((!isZero(issued) && !expires.isAfter(issued)) || (!isZero(approved) && !expires.isAfter(approved)))) {
            throw invalid("context.agent_identity.expires_at must be after issued_at and approved_at");
        }
        return JsonObject.builder()
                .putStringsOmitEmpty("lifecycle_states", sortedSet(strings(agent, "lifecycle_states"), false))
                .putOmitEmpty("owner", trimmed(agent, "owner"))
                .putOmitEmpty("manifest_digest", hex64(lower(agent, "manifest_digest"), "context.agent_identity.manifest_digest"))
                .putOmitEmpty("publisher", trimmed(agent, "publisher"))
                .putOmitEmpty("source", lower(agent, "source"))
                .put("issued_at", issued)
                .put("approved_at", approved)
                .put("expires_at", expires)
                .putOmitEmpty("revoked", bool(agent, "revoked"))
                .build();
    }

    private static JsonObject normalizeSandbox(JsonObject sandbox) {
        if (sandbox == null) {
            return null;
        }
        String evidenceRef = trimmed(sandbox, "evidence_ref");
        if (!evidenceRef.isEmpty() && SecretCheck.looksLikeSecret(evidenceRef)
                && List.of("ref:", "receipt:", "proof:", "sandbox:", "sha256:").stream().noneMatch(evidenceRef::startsWith)) {
            throw invalid("context.sandbox.evidence_ref looks like a secret; pass a reference");
        }
        JsonObject normalized = JsonObject.builder()
                .putOmitEmpty("network_mode", oneOf(lower(sandbox, "network_mode"), Set.of("disabled", "egress_allowlist", "full"), "context.sandbox.network_mode"))
                .putStringsOmitEmpty("writable_paths", cleanPaths(strings(sandbox, "writable_paths"), "writable_paths"))
                .putStringsOmitEmpty("read_only_roots", cleanPaths(strings(sandbox, "read_only_roots"), "read_only_roots"))
                .putOmitEmpty("env_exposure_mode", oneOf(lower(sandbox, "env_exposure_mode"), Set.of("allowlist", "full", "none"), "context.sandbox.env_exposure_mode"))
                .putOmitEmpty("timeout_seconds", nonNegative(wholeNumber(sandbox, "timeout_seconds"), "context.sandbox.timeout_seconds"))
                .putOmitEmpty("filesystem_isolation", oneOf(lower(sandbox, "filesystem_isolation"), Set.of("container", "none", "workspace"), "context.sandbox.filesystem_isolation"))
                .putOmitEmpty("user_mode", oneOf(lower(sandbox, "user_mode"), Set.of("default", "root", "unprivileged"), "context.sandbox.user_mode"))
                .putOmitEmpty("evidence_ref", evidenceRef)
                .putOmitEmpty("evidence_digest", hex64(lower(sandbox, "evidence_digest"), "context.sandbox.evidence_digest"))
                .build();
        return normalized.isEmpty() ? null : normalized;
    }

    private static List<String> cleanPaths(List<String> paths, String key) {
        List<String> cleaned = new ArrayList<>();
        for (String path : paths) {
            String trimmedPath = GoStrings.trimSpace(path);
            if (trimmedPath.isEmpty()) {
                continue;
            }
            if (ENV_ASSIGNMENT.matcher(trimmedPath).matches()) {
                throw invalid("context.sandbox." + key + " holds an environment assignment, not a path");
            }
            cleaned.add(GoPaths.clean(trimmedPath));
        }
        return sortedSet(cleaned, false);
    }

    // ---- helpers ----

    private static String hex64(String value, String key) {
        if (!value.isEmpty() && !HEX64.matcher(value).matches()) {
            throw invalid(key + " must be a SHA-256 hex digest");
        }
        return value;
    }

    private static long nonNegative(long value, String key) {
        if (value < 0) {
            throw invalid(key + " must not be negative");
        }
        return value;
    }

    /** An RFC 3339 time in UTC; absent, null or empty is Go's zero time. */
    private static OffsetDateTime time(JsonObject json, String key) {
        String text = GoStrings.trimSpace(text(json, key));
        if (text.isEmpty()) {
            return GoTime.ZERO;
        }
        try {
            return GoTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw invalid(key + ": " + e.getMessage());
        }
    }

    private static boolean isZero(OffsetDateTime time) {
        return time.toInstant().equals(GoTime.ZERO.toInstant());
    }

    private static void checkOrder(OffsetDateTime issued, OffsetDateTime expires, String where) {
        if (!isZero(issued) && !isZero(expires) && !expires.isAfter(issued)) {
            throw invalid(where + ".expires_at must be after issued_at");
        }
    }

    /** Digest of the normalised targets array (credential target bindings refer to it). */
    public static String targetsDigest(List<Target> targets) {
        return Digests.jcsHex(NormalizedIntent.targetsJson(targets));
    }
}
