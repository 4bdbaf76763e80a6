package dev.gait.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Go's decoding rules for typed members: absent and null are zero values, other mismatches are errors. */
class JsonFieldsTest {

    private static JsonFields fields(String json) {
        return JsonFields.of(JsonReader.strict().readObject(json.getBytes(StandardCharsets.UTF_8)), "doc.json");
    }

    @Test
    void absent_and_null_members_read_as_zero_values() {
        JsonFields fields = fields("{\"s\":null,\"b\":null,\"n\":null,\"l\":null}");
        assertThat(fields.string("s")).isEmpty();
        assertThat(fields.bool("b")).isFalse();
        assertThat(fields.integer("n")).isZero();
        assertThat(fields.strings("l")).isEmpty();
        assertThat(fields.objects("absent")).isEmpty();
    }

    @Test
    void members_of_the_right_type_are_read() {
        JsonFields fields = fields("{\"s\":\"x\",\"b\":true,\"n\":-3,\"l\":[\"a\",\"b\"],\"o\":[{\"k\":\"v\"}]}");
        assertThat(fields.string("s")).isEqualTo("x");
        assertThat(fields.bool("b")).isTrue();
        assertThat(fields.integer("n")).isEqualTo(-3);
        assertThat(fields.strings("l")).isEqualTo(List.of("a", "b"));
        assertThat(fields.objects("o").getFirst().string("k")).isEqualTo("v");
    }

    @Test
    void other_types_and_fractional_or_inexact_integers_are_errors_naming_the_member() {
        assertThatThrownBy(() -> fields("{\"s\":1}").string("s")).hasMessage("doc.json: s must be a string");
        assertThatThrownBy(() -> fields("{\"b\":\"true\"}").bool("b")).hasMessage("doc.json: b must be true or false");
        assertThatThrownBy(() -> fields("{\"n\":1.5}").integer("n")).hasMessage("doc.json: n must be an integer");
        assertThatThrownBy(() -> fields("{\"n\":1e300}").integer("n")).hasMessage("doc.json: n must be an integer");
        assertThatThrownBy(() -> fields("{\"l\":[\"a\",1]}").strings("l")).hasMessage("doc.json: l must be an array of strings");
        assertThatThrownBy(() -> fields("{\"o\":[1]}").objects("o")).hasMessage("doc.json: o must be an array of objects");
    }
}
