package dev.postino.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    @Test
    void booleansAreTrueFalseYesNoInAnyCaseAndBlankIsTheDefault() {
        assertThat(ParameterValues.bool("dsn", "TRUE", false)).isTrue();
        assertThat(ParameterValues.bool("dsn", " yes ", false)).isTrue();
        assertThat(ParameterValues.bool("dsn", "No", true)).isFalse();
        assertThat(ParameterValues.bool("dsn", "", true)).isTrue();
        assertThat(ParameterValues.bool("dsn", null, false)).isFalse();
        assertThatThrownBy(() -> ParameterValues.bool("dsn", "maybe", true))
            .hasMessage("dsn: invalid value 'maybe': expected true or false");
    }

    @Test
    void sizesHaveBinarySuffixes() {
        assertThat(ParameterValues.size("maxExpandedBytes", "100M")).isEqualTo(100L << 20);
        assertThat(ParameterValues.size("memoryThreshold", "512kb")).isEqualTo(512L << 10);
        assertThat(ParameterValues.size("x", "1G")).isEqualTo(1L << 30);
        assertThat(ParameterValues.size("x", "4096")).isEqualTo(4096);
        assertThatThrownBy(() -> ParameterValues.size("maxExpandedBytes", "lots"))
            .hasMessage("maxExpandedBytes: invalid value 'lots': expected a size such as 512K, 100M or 1G");
        assertThatThrownBy(() -> ParameterValues.size("x", "0")).hasMessageContaining("at least 1 byte");
        assertThatThrownBy(() -> ParameterValues.size("x", "99999999999999G")).hasMessageContaining("too large");
    }

    @Test
    void durationsNeedAUnit() {
        assertThat(ParameterValues.duration("maxTime", "10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ParameterValues.duration("maxTime", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ParameterValues.duration("t", "90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ParameterValues.duration("t", "2h")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> ParameterValues.duration("maxTime", "500"))
            .hasMessage("maxTime: invalid value '500': expected a duration such as 500ms, 10s, 90m or 2h");
        assertThatThrownBy(() -> ParameterValues.duration("maxTime", "0s")).hasMessageContaining("more than zero");
    }

    @Test
    void rangesOfDurationsTakeTheSecondUnitForAFirstWithout() {
        assertThat(ParameterValues.durationRange("baseDelay", "400-800s"))
            .isEqualTo(new ParameterValues.DurationRange(Duration.ofSeconds(400), Duration.ofSeconds(800)));
        assertThat(ParameterValues.durationRange("baseDelay", " 1m - 90S "))
            .isEqualTo(new ParameterValues.DurationRange(Duration.ofMinutes(1), Duration.ofSeconds(90)));
        assertThat(ParameterValues.durationRange("edgeWindow", "90m"))
            .isEqualTo(new ParameterValues.DurationRange(Duration.ofMinutes(90), Duration.ofMinutes(90)));
        assertThat(ParameterValues.durationRange("d", "0s")).isEqualTo(new ParameterValues.DurationRange(Duration.ZERO, Duration.ZERO));
        assertThatThrownBy(() -> ParameterValues.durationRange("baseDelay", "400-800"))
            .hasMessage("baseDelay: invalid value '400-800': expected a range such as 400-800s, 400s-800s or 1m-90s, "
                + "or one duration such as 90m");
        assertThatThrownBy(() -> ParameterValues.durationRange("baseDelay", "800-400s"))
            .hasMessage("baseDelay: invalid value '800-400s': min 800s is greater than max 400s");
        assertThatThrownBy(() -> ParameterValues.durationRange("d", "1-99999999999999999999h")).hasMessageContaining("too large");
    }

    @Test
    void positiveNumbersHaveABound() {
        assertThat(ParameterValues.positive("maxDepth", " 4 ", 100)).isEqualTo(4);
        assertThatThrownBy(() -> ParameterValues.positive("maxDepth", "0", 100))
            .hasMessage("maxDepth: invalid value '0': expected a whole number from 1 to 100");
        assertThatThrownBy(() -> ParameterValues.positive("maxDepth", "four", 100)).hasMessageContaining("maxDepth");
    }

    @Test
    void listsSplitOnCommasSemicolonsAndSpaces() {
        assertThat(ParameterValues.list(" a@x.example, b@x.example;c@x.example  d@x.example,,"))
            .containsExactly("a@x.example", "b@x.example", "c@x.example", "d@x.example");
        assertThat(ParameterValues.list("  ")).isEmpty();
        assertThat(ParameterValues.list(null)).isEmpty();
    }
}
