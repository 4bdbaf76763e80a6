package dev.gait.client.intent;

import dev.gait.client.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code gait.gate.intent_request}: the tool call Gait is asked to decide. The SDK only builds
 * the document; Gait normalises it, computes its digests and decides.
 */
public final class IntentRequest {

    public static final String SCHEMA_ID = "gait.gate.intent_request";
    public static final String SCHEMA_VERSION = "1.0.0";
    /** What this SDK records as {@code producer_version}. */
    public static final String PRODUCER_VERSION = "gait-client-java/0.1.0";

    private final Map<String, Object> document;

    private IntentRequest(Map<String, Object> document) {
        this.document = Collections.unmodifiableMap(document);
    }

    public static Builder builder(String toolName, IntentContext context) {
        return new Builder(toolName, context, Clock.systemUTC());
    }

    public String toolName() {
        return (String) document.get("tool_name");
    }

    /** The arguments as given (not normalised). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> args() {
        return (Map<String, Object>) document.get("args");
    }

    /** The document as JSON values. */
    public Map<String, Object> toMap() {
        return document;
    }

    public String toJson() {
        return Json.write(document);
    }

    public static final class Builder {
        private final String toolName;
        private final IntentContext context;
        private Clock clock;
        private Map<String, Object> args = Map.of();
        private final List<Object> targets = new ArrayList<>();
        private final List<Object> argProvenance = new ArrayList<>();
        private final List<Object> scriptSteps = new ArrayList<>();
        private final Map<String, Object> optional = new LinkedHashMap<>();

        private Builder(String toolName, IntentContext context, Clock clock) {
            if (toolName == null || toolName.isBlank()) {
                throw new IllegalArgumentException("tool_name is required");
            }
            this.toolName = toolName;
            this.context = Objects.requireNonNull(context, "context");
            this.clock = clock;
        }

        public Builder args(Map<String, ?> args) {
            this.args = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(args, "args")));
            return this;
        }

        public Builder target(Target target) {
            targets.add(target.toMap());
            return this;
        }

        public Builder argProvenance(ArgProvenance provenance) {
            argProvenance.add(provenance.toMap());
            return this;
        }

        /** One step of a script intent (up to 64 steps are decided together). */
        public Builder scriptStep(String stepToolName, Map<String, ?> stepArgs, Target... stepTargets) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("tool_name", stepToolName);
            step.put("args", new LinkedHashMap<>(stepArgs));
            List<Object> list = new ArrayList<>();
            for (Target target : stepTargets) {
                list.add(target.toMap());
            }
            if (!list.isEmpty()) {
                step.put("targets", list);
            }
            scriptSteps.add(step);
            return this;
        }

        /** {@code delegation}: requester_identity, scope_class, token_refs, issued_at, expires_at, chain. */
        public Builder delegation(Map<String, ?> delegation) { return put("delegation", delegation); }

        /** {@code skill_provenance}: skill_name, skill_version, source, publisher, digest, signature_key_id. */
        public Builder skillProvenance(Map<String, ?> skillProvenance) { return put("skill_provenance", skillProvenance); }

        /** {@code relationship}: parent_ref, entity_refs, policy_ref, agent_chain, edges, … */
        public Builder relationship(Map<String, ?> relationship) { return put("relationship", relationship); }

        /** The clock that stamps {@code created_at} (tests pin it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private Builder put(String name, Map<String, ?> value) {
            optional.put(name, new LinkedHashMap<>(Objects.requireNonNull(value, name)));
            return this;
        }

        public IntentRequest build() {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("schema_id", SCHEMA_ID);
            document.put("schema_version", SCHEMA_VERSION);
            document.put("created_at", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
            document.put("producer_version", PRODUCER_VERSION);
            document.put("tool_name", toolName);
            document.put("args", args);
            document.put("targets", new ArrayList<>(targets));
            if (!argProvenance.isEmpty()) {
                document.put("arg_provenance", new ArrayList<>(argProvenance));
            }
            if (!scriptSteps.isEmpty()) {
                document.put("script", Map.of("steps", new ArrayList<>(scriptSteps)));
            }
            document.putAll(optional);
            document.put("context", context.toMap());
            return new IntentRequest(document);
        }
    }
}
