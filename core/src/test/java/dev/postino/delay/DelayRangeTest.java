package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class DelayRangeTest {

    @ParameterizedTest(name = "{0} = [{1}s, {2}s]")
    @CsvSource({
        "400-800s, 400, 800",
        "400s-800s, 400, 800",
        "' 40 - 80 s ', 40, 80",
        "90m, 5400, 5400",
        "1m-90s, 60, 90",
        "1h, 3600, 3600",
        "0s, 0, 0",
        "200-400S, 200, 400"})
    void parsesRangesAndSingleValues(String text, long min, long max) {
        assertThat(DelayRange.parse("baseDelay", text)).isEqualTo(DelayRange.ofSeconds(min, max));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "800", "800-400s", "-5s", "400-800x", "abc", "1-2-3s", "400-800", "8d", "200h", "1500ms"})
    void rejectsBadValuesNamingTheParameterAndTheValue(String text) {
        assertThatThrownBy(() -> DelayRange.parse("baseDelay", text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("baseDelay: invalid value '" + text + "'");
    }

    @Test
    void everyDrawStaysInsideTheRangeAndBothEndsAreReached() {
        DelayRange range = DelayRange.ofSeconds(40, 80);
        SplittableRandom random = new SplittableRandom(42);
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (int i = 0; i < 20_000; i++) {
            long s = range.draw(random).toSeconds();
            lowest = Math.min(lowest, s);
            highest = Math.max(highest, s);
        }
        assertThat(lowest).isEqualTo(40);
        assertThat(highest).isEqualTo(80);
    }

    /**
     * Chi-square goodness of fit against the uniform distribution over each range's whole seconds,
     * with a fixed seed so the result never changes. The critical values are for p = 0.001.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "400-800s, 493.1",   // 401 values, 400 degrees of freedom
        "40-80s, 73.4",      // 41 values, 40 degrees of freedom
        "300-600s, 381.4",   // 301 values, 300 degrees of freedom
        "200-400s, 267.5"})  // 201 values, 200 degrees of freedom
    void drawsAreUniformOverTheRange(String text, double critical) {
        DelayRange range = DelayRange.parse("range", text);
        Random random = new Random(20261201L);
        assertThat(chiSquare(range, () -> range.draw(random).toSeconds())).isLessThan(critical);
    }

    @Test
    void theUniformityCheckCatchesAModuloBiasedDraw() {
        // The classic mistake, lo + nextInt(512) % 401, makes 400-510 twice as likely.
        DelayRange range = DelayRange.ofSeconds(400, 800);
        Random random = new Random(20261201L);
        assertThat(chiSquare(range, () -> 400 + random.nextInt(512) % 401)).isGreaterThan(493.1);
    }

    /**
     * Chi-square goodness of fit against the uniform distribution over every whole second of
     * the range, 500 draws per value; critical values above are for p = 0.001.
     */
    private static double chiSquare(DelayRange range, java.util.function.LongSupplier draw) {
        int lo = (int) range.min().toSeconds();
        int values = (int) (range.max().toSeconds() - lo + 1);
        int draws = values * 500;
        long[] observed = new long[values];
        for (int i = 0; i < draws; i++) {
            observed[(int) (draw.getAsLong() - lo)]++;
        }
        double expected = (double) draws / values;
        double chiSquare = 0;
        for (long o : observed) {
            chiSquare += (o - expected) * (o - expected) / expected;
        }
        return chiSquare;
    }

    @Property
    void everyDrawStaysInsideAnyRange(@ForAll @IntRange(max = 100_000) int min, @ForAll @IntRange(max = 100_000) int width,
                                      @ForAll long seed) {
        DelayRange range = DelayRange.ofSeconds(min, (long) min + width);
        long drawn = range.draw(new SplittableRandom(seed)).toSeconds();
        assertThat(drawn).isBetween((long) min, (long) min + width);
    }

    @Test
    void aSingleValueAlwaysDrawsItself() {
        assertThat(DelayRange.parse("edgeWindow", "90m").draw(new SplittableRandom(1))).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void printsAsItIsWritten() {
        assertThat(DelayRange.ofSeconds(400, 800)).hasToString("400-800s");
    }
}
