package dev.gait.core.canon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonValue;
import org.junit.jupiter.api.Test;

class GoMapJsonWriterTest {

    @Test
    void reproduces_the_golden_error_envelope() {
        JsonObject envelope = JsonObject.builder()
                .put("ok", false)
                .put("error", "missing required --policy")
                .put("retryable", false)
                .put("hint", "check command usage and input schema")
                .put("error_code", "invalid_input")
                .put("error_category", "invalid_input")
                .put("correlation_id", "cid-golden-invalid")
                .build();
        assertThat(JsonWriter.GO_MAP.write(envelope)).isEqualTo(
                "{\"correlation_id\":\"cid-golden-invalid\",\"error\":\"missing required --policy\","
                        + "\"error_category\":\"invalid_input\",\"error_code\":\"invalid_input\","
                        + "\"hint\":\"check command usage and input schema\",\"ok\":false,\"retryable\":false}");
    }

    @Test
    void escapes_html_characters_and_line_separators_like_go() {
        JsonValue value = JsonValue.of("<a href=\"x\">&</a>\u2028\u2029\b\f\u0001\u007f\u20ac");
        assertThat(JsonWriter.GO_MAP.write(value)).isEqualTo(
                "\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\\u2029\\b\\f\\u0001\u007f\u20ac\"");
        // the canonical form does not escape them
        assertThat(Jcs.canonicalString(value)).isEqualTo("\"<a href=\\\"x\\\">&</a>\u2028\u2029\\b\\f\\u0001\u007f\u20ac\"");
    }

    @Test
    void sorts_keys_by_utf8_bytes_at_every_depth_unlike_jcs() {
        // U+FB33 sorts before U+1F600 in UTF-16 (JCS) but after it in UTF-8 (Go maps).
        JsonObject object = JsonObject.builder()
                .put("\ufb33", 1)
                .put("\ud83d\ude00", 2)
                .put("b", JsonObject.builder().put("z", 1).put("a", 2).build())
                .build();
        assertThat(JsonWriter.GO_MAP.write(object)).isEqualTo("{\"b\":{\"a\":2,\"z\":1},\"\ufb33\":1,\"\ud83d\ude00\":2}");
        assertThat(Jcs.canonicalString(object)).isEqualTo("{\"b\":{\"a\":2,\"z\":1},\"\ud83d\ude00\":2,\"\ufb33\":1}");
    }

    @Test
    void struct_forms_keep_member_order_and_indent_like_marshal_indent() {
        JsonObject object = JsonObject.builder()
                .put("z", 1)
                .put("a", new dev.gait.core.json.JsonArray(java.util.List.of(JsonValue.of("x"), JsonObject.EMPTY)))
                .put("empty", dev.gait.core.json.JsonArray.EMPTY)
                .build();
        assertThat(JsonWriter.GO_STRUCT.write(object)).isEqualTo("{\"z\":1,\"a\":[\"x\",{}],\"empty\":[]}");
        assertThat(JsonWriter.GO_STRUCT_INDENTED.write(object)).isEqualTo(
                "{\n  \"z\": 1,\n  \"a\": [\n    \"x\",\n    {}\n  ],\n  \"empty\": []\n}");
    }
}
