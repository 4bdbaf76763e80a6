package dev.gait.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gait.core.error.ErrorCategory;
import dev.gait.core.error.GaitException;
import org.junit.jupiter.api.Test;

class StrictYamlTest {

    private static void assertInvalid(String yaml, String message) {
        assertThatThrownBy(() -> {
            YamlMap map = StrictYaml.loadMap(yaml, "policy.yaml");
            map.string("a");
            map.strings("list");
            map.rejectUnknownKeys();
        }).isInstanceOfSatisfying(GaitException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.INVALID_INPUT))
                .hasMessageContaining(message);
    }

    @Test
    void reads_typed_values_and_remembers_which_keys_were_read() {
        YamlMap map = StrictYaml.loadMap("a: x\nn: 3\nb: true\nlist: [p, q]\nchild: {k: v}\nversion: 1.0.0\n", "p.yaml");
        assertThat(map.string("a")).isEqualTo("x");
        assertThat(map.integer("n")).contains(3L);
        assertThat(map.bool("b")).isTrue();
        assertThat(map.strings("list")).containsExactly("p", "q");
        assertThat(map.string("version")).isEqualTo("1.0.0");
        YamlMap child = map.map("child").orElseThrow();
        assertThat(child.string("k")).isEqualTo("v");
        child.rejectUnknownKeys();
        map.rejectUnknownKeys();
    }

    @Test
    void unknown_keys_wrong_types_and_duplicates_are_errors() {
        assertInvalid("a: x\nb: y\n", "unknown field b");
        assertInvalid("a: 5\n", "a must be a string");
        assertInvalid("list: single\n", "list must be a list of strings");
        assertInvalid("a: x\na: y\n", "invalid YAML");
        assertInvalid("- a\n- b\n", "must be a YAML mapping");
        assertInvalid("a: [unclosed\n", "invalid YAML");
    }

    @Test
    void alias_bombs_and_deep_nesting_fail_fast() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j > 0 ? ", " : "").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        assertThatThrownBy(() -> StrictYaml.loadMap(bomb.toString(), "bomb.yaml"))
                .isInstanceOf(GaitException.class).hasMessageContaining("invalid YAML");
        String deep = "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
        assertThatThrownBy(() -> StrictYaml.loadMap(deep, "deep.yaml")).isInstanceOf(GaitException.class);
        assertThatThrownBy(() -> StrictYaml.loadMap("a: " + "x".repeat(StrictYaml.MAX_CODE_POINTS + 10), "big.yaml"))
                .isInstanceOf(GaitException.class);
    }
}
