package dev.gait.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.canon.GoTime;
import dev.gait.core.canon.Jcs;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonObjectTest {

    @Test
    void omit_empty_follows_go_rules_but_times_are_always_written() {
        JsonObject object = JsonObject.builder()
                .putOmitEmpty("empty_string", "")
                .putOmitEmpty("zero", 0)
                .putOmitEmpty("false", false)
                .putOmitEmpty("null", (JsonValue) null)
                .putOmitEmpty("empty_array", JsonArray.EMPTY)
                .putOmitEmpty("empty_object", JsonObject.EMPTY)
                .putStringsOmitEmpty("empty_list", List.of())
                .putOmitEmpty("kept", "x")
                .putOmitEmpty("kept_number", 0.5)
                .put("zero_time", GoTime.ZERO)
                .put("always", "")
                .build();
        assertThat(Jcs.canonicalString(object))
                .isEqualTo("{\"always\":\"\",\"kept\":\"x\",\"kept_number\":0.5,\"zero_time\":\"0001-01-01T00:00:00Z\"}");
    }

    @Test
    void without_removes_one_member_and_leaves_the_original_unchanged() {
        JsonObject signed = JsonObject.builder().put("a", 1).put("signature", "s").build();
        assertThat(signed.without("signature").has("signature")).isFalse();
        assertThat(signed.has("signature")).isTrue();
        assertThat(signed.without("absent")).isSameAs(signed);
    }
}
