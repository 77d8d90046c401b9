package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HolidaysTest {

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({
        "1961, 1961-04-02", "2008, 2008-03-23", "2011, 2011-04-24", "2024, 2024-03-31",
        "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28", "2038, 2038-04-25",
        "2285, 2285-03-22"})
    void computesGregorianEaster(int year, LocalDate easter) {
        assertThat(Holidays.easterSunday(year)).isEqualTo(easter);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "2026-01-01", "2026-01-06", "2026-04-05", "2026-04-06", "2026-04-25", "2026-05-01",
        "2026-06-02", "2026-08-15", "2026-10-04", "2026-11-01", "2026-12-08", "2026-12-25",
        "2026-12-26", "2027-03-28", "2027-03-29", "2027-10-04"})
    void italyKnowsEveryNationalHoliday(LocalDate day) {
        assertThat(Holidays.italy().test(day)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-04-07", "2026-12-07", "2026-12-24", "2026-12-31", "2027-04-05", "2025-10-04", "2026-06-01"})
    void ordinaryDaysAreNotHolidays(LocalDate day) {
        assertThat(Holidays.italy().test(day)).isFalse();
    }

    @Test
    void noneHasNoHolidays() {
        assertThat(Holidays.parse("holidays", "none").test(LocalDate.of(2026, 12, 25))).isFalse();
    }

    @Test
    void aListMixesYearlyDatesOneOffDatesAndEaster() {
        Holidays h = Holidays.parse("holidays", "12-07, 2026-12-24, easter-monday");
        assertThat(h.test(LocalDate.of(2031, 12, 7))).isTrue();
        assertThat(h.test(LocalDate.of(2026, 12, 24))).isTrue();
        assertThat(h.test(LocalDate.of(2027, 12, 24))).isFalse();
        assertThat(h.test(LocalDate.of(2027, 3, 29))).isTrue();
        assertThat(h.test(LocalDate.of(2026, 12, 25))).isFalse();
    }

    @Test
    void extraHolidaysAddToTheDefaults() {
        Holidays h = Holidays.italy().and(Holidays.parse("extraHolidays", "12-07"));
        assertThat(h.test(LocalDate.of(2026, 12, 7))).isTrue();
        assertThat(h.test(LocalDate.of(2026, 12, 8))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"13-01", "2026-02-30", "christmas", "italy, none"})
    void rejectsBadEntriesNamingTheParameter(String text) {
        assertThatThrownBy(() -> Holidays.parse("extraHolidays", text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("extraHolidays: ");
    }
}
