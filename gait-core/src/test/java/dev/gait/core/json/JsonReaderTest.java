package dev.gait.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.canon.Jcs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    @Test
    void numbers_are_doubles_as_in_go_generic_decoding() {
        JsonValue value = JsonReader.strict().read("[1.0, 1e2, -0.0, 9007199254740993, 12345678901234567890123]");
        assertThat(Jcs.canonicalString(value)).isEqualTo("[1,100,0,9007199254740992,1.2345678901234568e+22]");
    }

    @Test
    void lenient_reading_keeps_the_last_duplicate_as_go_does() {
        JsonObject object = JsonReader.lenient().readObject("{\"a\":1,\"a\":\"two\"}".getBytes());
        assertThat(object.string("a")).contains("two");
    }

    @Test
    void unpaired_surrogates_become_replacement_characters_as_in_go() {
        JsonValue value = JsonReader.strict().read("[\"a\\ud800b\", \"\\udc00\", \"\\ud83d\\ude00\"]");
        assertThat(Jcs.canonicalString(value)).isEqualTo("[\"a\ufffdb\",\"\ufffd\",\"\ud83d\ude00\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "[1] [2]", "{\"a\":1}x", "NaN", "[Infinity]",
        "[1e400]", "[-1e400]", "{\"a\" 1}", "[01]", "\"unterminated", "[\"\\x\"]", "// comment\n1", "tru"
    })
    void malformed_documents_are_rejected_with_a_json_error(String text) {
        assertThatThrownBy(() -> JsonReader.strict().read(text))
                .isInstanceOf(JsonException.class)
                .hasMessageStartingWith("invalid JSON");
    }

    @Test
    void deep_nesting_fails_fast_instead_of_exhausting_the_stack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsonReader.strict().read(deep))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void nesting_up_to_the_limit_is_accepted() {
        int depth = JsonReader.MAX_DEPTH;
        String nested = "[".repeat(depth) + "]".repeat(depth);
        assertThat(JsonReader.strict().read(nested)).isInstanceOf(JsonArray.class);
    }

    @Test
    void read_object_requires_an_object() {
        assertThatThrownBy(() -> JsonReader.strict().readObject("[1]".getBytes()))
                .isInstanceOf(JsonException.class)
                .hasMessageContaining("expected an object");
    }

    @Test
    void invalid_utf8_is_rejected() {
        byte[] bytes = {'"', (byte) 0xff, '"'};
        assertThatThrownBy(() -> JsonReader.strict().read(bytes)).isInstanceOf(JsonException.class);
    }
}
