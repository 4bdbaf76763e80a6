package dev.gait.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.Jcs;
import dev.gait.core.json.JsonReader;
import dev.gait.core.relationship.RelationshipEnvelope;
import org.junit.jupiter.api.Test;

class RelationshipEnvelopeTest {

    @Test
    void normalises_kinds_ids_and_lists_and_drops_what_is_invalid() {
        var envelope = JsonReader.strict().readObject("""
                {"parent_ref": {"kind": " RUN ", "id": " run_1 "},
                 "entity_refs": [{"kind": "Tool", "id": "b"}, {"kind": "tool", "id": "a"}, {"kind": "tool", "id": "a"},
                                 {"kind": "planet", "id": "x"}],
                 "policy_ref": {"policy_digest": "ABCDEF", "matched_rule_ids": ["r2", " r1", "r2", ""]},
                 "agent_chain": [{"identity": "z", "role": "Delegate"}, {"identity": "a", "role": "approver"}],
                 "edges": [{"kind": "calls", "from": {"kind": "session", "id": "s"}, "to": {"kind": "tool", "id": "t"}},
                           {"kind": "teleports", "from": {"kind": "a", "id": "b"}, "to": {"kind": "c", "id": "d"}}],
                 "agent_lineage": [{"agent_id": " "}]}
                """.getBytes());
        assertThat(Jcs.canonicalString(RelationshipEnvelope.normalize(envelope))).isEqualTo(
                "{\"agent_chain\":[{\"identity\":\"z\",\"role\":\"delegate\"}],"
                        + "\"edges\":[{\"from\":{\"id\":\"s\",\"kind\":\"session\"},\"kind\":\"calls\",\"to\":{\"id\":\"t\",\"kind\":\"tool\"}}],"
                        + "\"entity_refs\":[{\"id\":\"a\",\"kind\":\"tool\"},{\"id\":\"b\",\"kind\":\"tool\"}],"
                        + "\"parent_ref\":{\"id\":\"run_1\",\"kind\":\"run\"},"
                        + "\"policy_ref\":{\"matched_rule_ids\":[\"r1\",\"r2\"],\"policy_digest\":\"abcdef\"},"
                        + "\"related_entity_ids\":[\"a\",\"b\"]}");
    }

    @Test
    void an_envelope_with_nothing_valid_is_omitted() {
        assertThat(RelationshipEnvelope.normalize(JsonReader.strict().readObject(
                "{\"parent_ref\":{\"kind\":\"planet\",\"id\":\"x\"},\"edges\":[]}".getBytes()))).isNull();
        assertThat(RelationshipEnvelope.normalize(null)).isNull();
    }
}
