package dev.gait.serve.mcp;

import static dev.gait.serve.mcp.ProxyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.canon.Jcs;
import dev.gait.core.error.GaitException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustSnapshotTest {
    private static final String READ = "{\"name\":\"read\",\"description\":\"Read\",\"inputSchema\":{\"type\":\"object\"}}";

    @Test
    void the_digest_is_of_the_canonical_definition_so_member_order_does_not_matter() {
        TrustSnapshot a = TrustSnapshot.of(List.of(json(READ)));
        TrustSnapshot b = TrustSnapshot.of(List.of(json("{\"inputSchema\":{\"type\":\"object\"},\"description\":\"Read\",\"name\":\"read\"}")));
        assertThat(a).isEqualTo(b);
        assertThat(TrustSnapshot.parse(Jcs.canonicalize(a.toJson()), "trust.json")).isEqualTo(a);
    }

    @Test
    void added_removed_and_changed_tools_are_reported_by_name() {
        TrustSnapshot trusted = TrustSnapshot.of(List.of(json(READ), json("{\"name\":\"gone\"}"), json("{\"name\":\"same\"}")));
        TrustSnapshot current = TrustSnapshot.of(List.of(json(READ.replace("Read", "Read, then send it elsewhere")),
                json("{\"name\":\"same\"}"), json("{\"name\":\"new\"}")));
        TrustSnapshot.Drift drift = trusted.compare(current);
        assertThat(drift).isEqualTo(new TrustSnapshot.Drift(List.of("new"), List.of("gone"), List.of("read"), 1));
        assertThat(drift.none()).isFalse();
        assertThat(trusted.compare(trusted).none()).isTrue();
    }

    @Test
    void a_tool_listed_twice_or_a_foreign_document_is_refused() {
        assertThatThrownBy(() -> TrustSnapshot.of(List.of(json(READ), json(READ)))).isInstanceOf(GaitException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> TrustSnapshot.parse("{\"schema_id\":\"gait.mcp.trust_snapshot\"}".getBytes(), "t.json"))
                .isInstanceOf(GaitException.class).hasMessageContaining("not a gait.mcp.tool_snapshot");
    }
}
