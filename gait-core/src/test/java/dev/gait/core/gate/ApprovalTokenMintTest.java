package dev.gait.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.canon.GoTime;
import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import dev.gait.core.sign.Ed25519KeyPair;
import dev.gait.core.sign.LocalSigner;
import dev.gait.testkit.GaitReference;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalTokenMintTest {

    private static final JsonObject GO_TOKEN =
            JsonReader.strict().readObject(GaitReference.bytes("scenarios/approval-token-valid/approval-token.json"));

    @Test
    void minting_the_go_tokens_inputs_reproduces_its_token_id_and_signed_digest() {
        OffsetDateTime created = GoTime.parse(GO_TOKEN.string("created_at").orElseThrow());
        OffsetDateTime expires = GoTime.parse(GO_TOKEN.string("expires_at").orElseThrow());
        JsonObject minted = ApprovalTokenMint.mint(new ApprovalTokenMint.Request("human.reviewer", "MANUAL_APPROVAL",
                GO_TOKEN.string("intent_digest").orElseThrow(), GO_TOKEN.string("policy_digest").orElseThrow(), "",
                List.of("TOOL:tool.write "), 0, 0, Duration.between(created, expires), created), signer());

        assertThat(minted.string("token_id")).contains("ec44f8948261811d131eb04a");
        assertThat(minted.object("signature").orElseThrow().string("signed_digest"))
                .contains("d470f2e63450ca56d772bebbe269db46318f309181444bb2522bb262061079c0");
        assertThat(minted.without("signature")).isEqualTo(GO_TOKEN.without("signature"));
    }

    @Test
    void limits_change_the_token_id_and_bad_requests_are_refused() {
        OffsetDateTime now = OffsetDateTime.parse("2026-11-24T00:00:00Z");
        String digest = "a".repeat(64);
        ApprovalTokenMint.Request plain = new ApprovalTokenMint.Request("a", "r", digest, digest, "", List.of("tool:x"), 0, 0,
                Duration.ofMinutes(5), now);
        ApprovalTokenMint.Request limited = new ApprovalTokenMint.Request("a", "r", digest, digest, "", List.of("tool:x"), 2, 1,
                Duration.ofMinutes(5), now);
        JsonObject limitedToken = ApprovalTokenMint.mint(limited, signer());
        assertThat(limitedToken.string("token_id")).isNotEqualTo(ApprovalTokenMint.mint(plain, signer()).string("token_id"));
        assertThat(((dev.gait.core.json.JsonNumber) limitedToken.get("max_targets").orElseThrow()).value()).isEqualTo(2.0);

        assertThatThrownBy(() -> ApprovalTokenMint.mint(new ApprovalTokenMint.Request("a", "r", "abc", digest, "", List.of("tool:x"),
                0, 0, Duration.ofMinutes(5), now), signer())).isInstanceOf(GaitException.class);
        assertThatThrownBy(() -> ApprovalTokenMint.mint(new ApprovalTokenMint.Request("a", "r", digest, digest, "", List.of(" "),
                0, 0, Duration.ofMinutes(5), now), signer())).isInstanceOf(GaitException.class);
        assertThatThrownBy(() -> ApprovalTokenMint.mint(new ApprovalTokenMint.Request("a", "r", digest, digest, "", List.of("tool:x"),
                0, 0, Duration.ZERO, now), signer())).isInstanceOf(GaitException.class);
        assertThatThrownBy(() -> ApprovalTokenMint.mint(new ApprovalTokenMint.Request("a", "r", digest, digest, "", List.of("tool.write"),
                0, 0, Duration.ofMinutes(5), now), signer())).hasMessageContaining("use tool:tool.write");
    }

    private static LocalSigner signer() {
        return new LocalSigner(Ed25519KeyPair.generate(new java.security.SecureRandom()));
    }
}
