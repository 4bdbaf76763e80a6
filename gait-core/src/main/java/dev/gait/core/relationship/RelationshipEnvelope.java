package dev.gait.core.relationship;

import dev.gait.core.canon.GoStrings;
import dev.gait.core.json.JsonArray;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonString;
import dev.gait.core.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Normalises a relationship envelope (how an artifact links to runs, sessions, traces, policies and
 * agents) the way Gait v1 does: kinds lowercased and checked (unknown kinds are dropped, never an
 * error), ids trimmed, lists de-duplicated and sorted by UTF-8 bytes, empty members and empty
 * envelopes omitted.
 */
public final class RelationshipEnvelope {
    static final Set<String> PARENT_KINDS = Set.of("trace", "run", "session", "intent", "policy", "agent", "evidence");
    static final Set<String> ENTITY_KINDS = Set.of("agent", "tool", "resource", "policy", "run", "trace", "delegation", "evidence");
    static final Set<String> ROLES = Set.of("requester", "delegator", "delegate");
    static final Set<String> EDGE_KINDS = Set.of("delegates_to", "calls", "governed_by", "targets", "derived_from", "emits_evidence");

    private RelationshipEnvelope() {}

    /** The normalised envelope, or null when nothing valid remains. */
    public static JsonObject normalize(JsonObject envelope) {
        if (envelope == null) {
            return null;
        }
        List<JsonObject> entities = entityRefs(envelope);
        List<String> relatedEntityIds = uniqueSorted(strings(envelope, "related_entity_ids"));
        if (relatedEntityIds.isEmpty()) {
            relatedEntityIds = uniqueSorted(entities.stream().map(e -> text(e, "id")).toList());
        }
        JsonObject normalized = JsonObject.builder()
                .putOmitEmpty("parent_ref", parentRef(object(envelope, "parent_ref")))
                .putOmitEmpty("entity_refs", new JsonArray(List.<JsonValue>copyOf(entities)))
                .putOmitEmpty("policy_ref", policyRef(object(envelope, "policy_ref")))
                .putOmitEmpty("agent_chain", new JsonArray(List.<JsonValue>copyOf(agentChain(envelope))))
                .putOmitEmpty("edges", new JsonArray(List.<JsonValue>copyOf(edges(envelope))))
                .putOmitEmpty("parent_record_id", trim(text(envelope, "parent_record_id")))
                .putStringsOmitEmpty("related_record_ids", uniqueSorted(strings(envelope, "related_record_ids")))
                .putStringsOmitEmpty("related_entity_ids", relatedEntityIds)
                .putOmitEmpty("agent_lineage", new JsonArray(List.<JsonValue>copyOf(lineage(envelope))))
                .build();
        return normalized.isEmpty() ? null : normalized;
    }

    private static JsonObject parentRef(JsonObject ref) {
        if (ref == null) {
            return null;
        }
        String kind = lower(text(ref, "kind"));
        String id = trim(text(ref, "id"));
        return kind.isEmpty() || id.isEmpty() || !PARENT_KINDS.contains(kind) ? null : node(kind, id);
    }

    private static List<JsonObject> entityRefs(JsonObject envelope) {
        return sortedUnique(objects(envelope, "entity_refs").stream()
                .map(e -> node(lower(text(e, "kind")), trim(text(e, "id"))))
                .filter(e -> !text(e, "id").isEmpty() && ENTITY_KINDS.contains(text(e, "kind")))
                .toList(), "kind", "id");
    }

    private static JsonObject policyRef(JsonObject ref) {
        if (ref == null) {
            return null;
        }
        JsonObject normalized = JsonObject.builder()
                .putOmitEmpty("policy_id", trim(text(ref, "policy_id")))
                .putOmitEmpty("policy_version", trim(text(ref, "policy_version")))
                .putOmitEmpty("policy_digest", lower(text(ref, "policy_digest")))
                .putStringsOmitEmpty("matched_rule_ids", uniqueSorted(strings(ref, "matched_rule_ids")))
                .build();
        return normalized.isEmpty() ? null : normalized;
    }

    private static List<JsonObject> agentChain(JsonObject envelope) {
        return sortedUnique(objects(envelope, "agent_chain").stream()
                .map(l -> JsonObject.builder().put("identity", trim(text(l, "identity"))).put("role", lower(text(l, "role"))).build())
                .filter(l -> !text(l, "identity").isEmpty() && ROLES.contains(text(l, "role")))
                .toList(), "role", "identity");
    }

    private static List<JsonObject> edges(JsonObject envelope) {
        List<JsonObject> edges = new ArrayList<>();
        for (JsonObject edge : objects(envelope, "edges")) {
            JsonObject from = object(edge, "from");
            JsonObject to = object(edge, "to");
            String kind = lower(text(edge, "kind"));
            JsonObject fromNode = node(lower(text(from, "kind")), trim(text(from, "id")));
            JsonObject toNode = node(lower(text(to, "kind")), trim(text(to, "id")));
            if (EDGE_KINDS.contains(kind) && !text(fromNode, "kind").isEmpty() && !text(fromNode, "id").isEmpty()
                    && !text(toNode, "kind").isEmpty() && !text(toNode, "id").isEmpty()) {
                edges.add(JsonObject.builder().put("kind", kind).put("from", fromNode).put("to", toNode).build());
            }
        }
        Map<List<String>, JsonObject> unique = new java.util.TreeMap<>(listOrder());
        for (JsonObject edge : edges) {
            JsonObject from = object(edge, "from");
            JsonObject to = object(edge, "to");
            unique.putIfAbsent(List.of(text(edge, "kind"), text(from, "kind"), text(from, "id"), text(to, "kind"), text(to, "id")), edge);
        }
        return List.copyOf(unique.values());
    }

    private static List<JsonObject> lineage(JsonObject envelope) {
        return sortedUnique(objects(envelope, "agent_lineage").stream()
                .map(l -> JsonObject.builder()
                        .put("agent_id", trim(text(l, "agent_id")))
                        .putOmitEmpty("delegated_by", trim(text(l, "delegated_by")))
                        .putOmitEmpty("delegation_record_id", trim(text(l, "delegation_record_id")))
                        .build())
                .filter(l -> !text(l, "agent_id").isEmpty())
                .toList(), "agent_id", "delegated_by", "delegation_record_id");
    }

    private static JsonObject node(String kind, String id) {
        return JsonObject.builder().put("kind", kind).put("id", id).build();
    }

    /** De-duplicated on the given members and sorted by them in order. */
    private static List<JsonObject> sortedUnique(List<JsonObject> items, String... members) {
        Map<List<String>, JsonObject> unique = new java.util.TreeMap<>(listOrder());
        for (JsonObject item : items) {
            List<String> key = new ArrayList<>();
            for (String member : members) {
                key.add(text(item, member));
            }
            unique.putIfAbsent(key, item);
        }
        return List.copyOf(unique.values());
    }

    private static Comparator<List<String>> listOrder() {
        return (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = GoStrings.compareBytes(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private static List<String> uniqueSorted(List<String> values) {
        TreeSet<String> set = new TreeSet<>(GoStrings.BYTE_ORDER);
        values.stream().map(RelationshipEnvelope::trim).filter(v -> !v.isEmpty()).forEach(set::add);
        return List.copyOf(set);
    }

    private static String trim(String text) {
        return GoStrings.trimSpace(text);
    }

    private static String lower(String text) {
        return GoStrings.trimSpace(text).toLowerCase(Locale.ROOT);
    }

    private static String text(JsonObject json, String key) {
        return json == null ? "" : json.string(key).orElse("");
    }

    private static JsonObject object(JsonObject json, String key) {
        return json == null ? null : json.object(key).orElse(null);
    }

    private static List<JsonObject> objects(JsonObject json, String key) {
        List<JsonObject> objects = new ArrayList<>();
        for (JsonValue value : json.array(key).orElse(JsonArray.EMPTY).elements()) {
            if (value instanceof JsonObject object) {
                objects.add(object);
            }
        }
        return objects;
    }

    private static List<String> strings(JsonObject json, String key) {
        List<String> strings = new ArrayList<>();
        for (JsonValue value : json.array(key).orElse(JsonArray.EMPTY).elements()) {
            if (value instanceof JsonString s) {
                strings.add(s.value());
            }
        }
        return strings;
    }

}
