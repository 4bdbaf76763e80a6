package dev.gait.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonReader;
import dev.gait.testkit.GaitReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestsAndIdsTest {

    @Test
    void sha256_hex_of_known_input() {
        assertThat(Digests.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void jcs_digest_is_independent_of_formatting_and_member_order() {
        String a = Digests.jcsHex(JsonReader.strict().read("{\"b\": 1.0, \"a\": [true, \"x\"]}"));
        String b = Digests.jcsHex(JsonReader.strict().read("{\"a\":[true,\"x\"],\"b\":1}"));
        assertThat(a).isEqualTo(b).isEqualTo(Digests.sha256Hex("{\"a\":[true,\"x\"],\"b\":1}"));
    }

    @Test
    void approval_token_id_reproduces_the_gait_v1_scenario() {
        // token_id = H12(intent:policy:approver:reason_code:scope CSV:max_targets:max_ops:expires_at)
        String token = GaitReference.text("scenarios/approval-token-valid/approval-token.json");
        String material = "4b53bb79e35105ac9170963ac6f84ed0ed15530c68f06a46fc1233c5ec766913"
                + ":07a528a879e4f0e0cd5a0e2ca801924746b47dac624862207ef21d4ec266f8f9"
                + ":human.reviewer:MANUAL_APPROVAL:tool:tool.write:0:0:2036-02-22T12:42:58.228785Z";
        assertThat(token).contains("\"token_id\": \"" + Ids.h12(material) + "\"");
    }

    @Test
    void correlation_id_hashes_trimmed_argv_joined_by_unit_separator() {
        assertThat(Ids.correlationId(List.of("gait", "version", "--json"))).isEqualTo("e817da1ea5bc1c4b0c6da48f");
        assertThat(Ids.correlationId(List.of(" gait\u00a0", "version\n", "--json"))).isEqualTo("e817da1ea5bc1c4b0c6da48f");
        assertThat(Ids.correlationId(List.of())).isEqualTo("000000000000000000000000");
    }

    @Test
    void recognises_sha256_hex() {
        assertThat(Digests.isSha256Hex("a".repeat(64))).isTrue();
        assertThat(Digests.isSha256Hex("A".repeat(64))).isFalse();
        assertThat(Digests.isSha256Hex("a".repeat(63))).isFalse();
        assertThat(Digests.isSha256Hex(null)).isFalse();
    }
}
