package dev.gait.core.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gait.core.json.JsonObject;
import dev.gait.core.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferencedRefIdsTest {

    private static JsonObject json(String text) {
        return JsonReader.strict().readObject(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void strings_under_ref_keys_and_ref_prefixed_strings_are_found_at_any_depth() {
        JsonObject args = json("""
                {"InputRef": " doc_1 ", "nested": {"items": [{"source_refs": "doc_2"}, "ref_3", ["ref_4"]]},
                 "preference": "doc_5", "blank_ref": "  ", "count_ref": 7, "other": "not_ref_6"}""");
        assertThat(ReferencedRefIds.in(List.of(args, json("{\"x\": \"ref_7\"}"))))
                .containsExactlyInAnyOrder("doc_1", "doc_2", "ref_3", "ref_4", "doc_5", "ref_7");
    }

    @Test
    void payloads_without_references_give_none() {
        assertThat(ReferencedRefIds.in(List.of(json("{\"path\": \"/tmp/x\", \"n\": 1}")))).isEmpty();
    }
}
