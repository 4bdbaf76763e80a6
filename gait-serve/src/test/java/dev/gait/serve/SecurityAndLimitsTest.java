package dev.gait.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.GaitException;
import dev.gait.core.json.JsonBoolean;
import dev.gait.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loopback by default, bearer tokens, and the size, depth and rate limits, each failing closed. */
class SecurityAndLimitsTest {
    @TempDir
    Path dir;

    @Test
    void a_non_loopback_address_is_refused_without_a_token() {
        assertThatThrownBy(() -> new SidecarFixture(dir, o -> SidecarFixture.withToken(o, "0.0.0.0", null)))
                .isInstanceOf(GaitException.class)
                .hasMessageContaining("not a loopback address")
                .hasMessageContaining("--auth-token-env");
    }

    @Test
    void with_a_token_every_request_must_carry_it() {
        try (SidecarFixture fixture = new SidecarFixture(dir, o -> SidecarFixture.withToken(o, "0.0.0.0", "s3cret-token"))) {
            HttpResponse<String> none = fixture.post("/v1/gate/evaluate", SidecarFixture.intent("tool.read"));
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(SidecarFixture.json(none).string("verdict")).contains("block");
            assertThat(SidecarFixture.json(none).string("error_code")).contains("unauthorized");

            HttpResponse<String> wrong = fixture.post("/access/v1/evaluation", SidecarFixture.evaluation("tool.read"),
                    "Authorization", "Bearer s3cret-tokeN");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(SidecarFixture.json(wrong).get("decision")).contains(JsonBoolean.FALSE);
            assertThat(fixture.get("/metrics", "Authorization", "Bearer ").statusCode()).isEqualTo(401);

            HttpResponse<String> right = fixture.post("/v1/gate/evaluate", SidecarFixture.intent("tool.read"),
                    "Authorization", "Bearer s3cret-token");
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(SidecarFixture.json(right).string("verdict")).contains("allow");
        }
    }

    @Test
    void a_post_that_is_not_json_is_415_and_blocked() {
        try (SidecarFixture fixture = new SidecarFixture(dir)) {
            HttpResponse<String> form = fixture.postAs("text/plain", "/v1/gate/evaluate", SidecarFixture.intent("tool.read"));
            assertThat(form.statusCode()).isEqualTo(415);
            assertThat(SidecarFixture.json(form).string("verdict")).contains("block");
            HttpResponse<String> authzen = fixture.postAs("application/x-www-form-urlencoded", "/access/v1/evaluation",
                    SidecarFixture.evaluation("tool.read"));
            assertThat(authzen.statusCode()).isEqualTo(415);
            assertThat(SidecarFixture.json(authzen).get("decision")).contains(JsonBoolean.FALSE);
            assertThat(fixture.postAs("application/json; charset=utf-8", "/v1/gate/evaluate", SidecarFixture.intent("tool.read"))
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_body_over_the_limit_is_413_and_blocked() {
        try (SidecarFixture fixture = new SidecarFixture(dir, o -> SidecarFixture.withLimits(o, 512, 0))) {
            String big = SidecarFixture.intent("tool.read").replace("\"args\":{", "\"args\":{\"pad\":\"" + "x".repeat(600) + "\",");
            HttpResponse<String> response = fixture.post("/v1/gate/evaluate", big);
            assertThat(response.statusCode()).isEqualTo(413);
            JsonObject error = SidecarFixture.json(response);
            assertThat(error.string("verdict")).contains("block");
            assertThat(error.string("error_code")).contains("request_too_large");
            assertThat(fixture.post("/v1/gate/evaluate", SidecarFixture.intent("tool.read")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void nesting_deeper_than_the_json_reader_allows_is_400_and_blocked() {
        try (SidecarFixture fixture = new SidecarFixture(dir)) {
            String deep = SidecarFixture.intent("tool.read").replace("\"args\":{", "\"args\":{\"deep\":" + "[".repeat(300) + "]".repeat(300) + ",");
            HttpResponse<String> response = fixture.post("/v1/gate/evaluate", deep);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(SidecarFixture.json(response).string("verdict")).contains("block");
            assertThat(SidecarFixture.json(response).string("error").orElseThrow()).containsIgnoringCase("depth");
            HttpResponse<String> authzen = fixture.post("/access/v1/evaluation", "{\"context\":" + "[".repeat(300) + "]".repeat(300) + "}");
            assertThat(authzen.statusCode()).isEqualTo(400);
            assertThat(SidecarFixture.json(authzen).get("decision")).contains(JsonBoolean.FALSE);
        }
    }

    @Test
    void decisions_above_the_rate_limit_are_429_while_health_still_answers() {
        try (SidecarFixture fixture = new SidecarFixture(dir, o -> SidecarFixture.withLimits(o, 1 << 20, 3))) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(fixture.post("/v1/gate/evaluate", SidecarFixture.intent("tool.read")).statusCode());
            }
            assertThat(statuses).contains(200, 429);
            HttpResponse<String> limited = fixture.post("/access/v1/evaluation", SidecarFixture.evaluation("tool.read"));
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).contains("1");
            assertThat(SidecarFixture.json(limited).get("decision")).contains(JsonBoolean.FALSE);
            assertThat(fixture.get("/healthz").statusCode()).isEqualTo(200);
        }
    }
}
