package dev.gait.core.canon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoTimeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-02-05T00:00:00Z, 2026-02-05T00:00:00Z",
        "2026-02-05T00:00:00.000Z, 2026-02-05T00:00:00Z",
        "2026-02-18T19:13:04.953970Z, 2026-02-18T19:13:04.95397Z",
        "2026-02-18T19:13:04.220Z, 2026-02-18T19:13:04.22Z",
        "2026-02-18T19:13:04.000000001Z, 2026-02-18T19:13:04.000000001Z",
        "2026-02-05T10:00:00+02:00, 2026-02-05T10:00:00+02:00",
        "2026-02-05T10:00:00.5-05:30, 2026-02-05T10:00:00.5-05:30",
        "2026-02-05T10:00:00+00:00, 2026-02-05T10:00:00Z"
    })
    void formats_like_go_rfc3339nano_keeping_the_offset(String input, String expected) {
        assertThat(GoTime.format(GoTime.parse(input))).isEqualTo(expected);
    }

    @Test
    void formats_instants_in_utc_and_the_zero_time_like_go() {
        assertThat(GoTime.formatUtc(Instant.parse("2026-02-05T00:00:02.100Z"))).isEqualTo("2026-02-05T00:00:02.1Z");
        assertThat(GoTime.format(GoTime.ZERO)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(GoTime.format(OffsetDateTime.of(1980, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))).isEqualTo("1980-01-01T00:00:00Z");
    }

    @Test
    void rejects_timestamps_that_are_not_rfc3339() {
        assertThatThrownBy(() -> GoTime.parse("2026-02-05 00:00:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GoTime.parse("2026-02-05T00:00:00")).isInstanceOf(IllegalArgumentException.class);
    }
}
