package dev.gait.core.canon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoStringsTest {

    @Test
    void trims_what_go_calls_space_including_non_breaking_spaces() {
        assertThat(GoStrings.trimSpace(" \t\n\u000b\f\r\u0085\u00a0x y\u2000\u200a\u3000\u202f")).isEqualTo("x y");
        assertThat(GoStrings.trimSpace("\u200bx")).isEqualTo("\u200bx"); // zero-width space is not white space
        assertThat(GoStrings.trimSpace("   ")).isEmpty();
    }
}
