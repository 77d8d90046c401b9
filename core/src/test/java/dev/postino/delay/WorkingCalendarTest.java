package dev.postino.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkingCalendarTest {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final Duration EDGE = Duration.ofMinutes(90);
    private final WorkingCalendar office = WorkingCalendar.italianOffice();

    private static ZonedDateTime rome(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), ROME);
    }

    /** Tuesday 1 December 2026, every boundary minute of the default 09:00-18:00 day. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2026-12-01T07:29:00, OUT_OF_HOURS",
        "2026-12-01T07:29:59, OUT_OF_HOURS",
        "2026-12-01T07:30:00, BEFORE_OPENING",
        "2026-12-01T07:31:00, BEFORE_OPENING",
        "2026-12-01T08:59:00, BEFORE_OPENING",
        "2026-12-01T08:59:59, BEFORE_OPENING",
        "2026-12-01T09:00:00, WORKING_HOURS",
        "2026-12-01T09:01:00, WORKING_HOURS",
        "2026-12-01T17:59:00, WORKING_HOURS",
        "2026-12-01T17:59:59, WORKING_HOURS",
        "2026-12-01T18:00:00, AFTER_CLOSING",
        "2026-12-01T18:01:00, AFTER_CLOSING",
        "2026-12-01T19:29:00, AFTER_CLOSING",
        "2026-12-01T19:30:00, AFTER_CLOSING",
        "2026-12-01T19:30:01, OUT_OF_HOURS",
        "2026-12-01T19:31:00, OUT_OF_HOURS"})
    void classifiesEveryBoundaryMinute(String local, CalendarSlot slot) {
        assertThat(office.slotOf(rome(local).toInstant(), EDGE)).isEqualTo(slot);
    }

    @ParameterizedTest(name = "Saturday/Sunday {0}")
    @ValueSource(strings = {"2026-12-05T08:00", "2026-12-05T10:00", "2026-12-05T18:30", "2026-12-06T12:00", "2026-12-06T08:30"})
    void weekendsAreOutOfHoursEvenInTheEdgeWindows(String local) {
        assertThat(office.slotOf(rome(local).toInstant(), EDGE)).isEqualTo(CalendarSlot.OUT_OF_HOURS);
    }

    @ParameterizedTest(name = "holiday {0} 10:00 waits until {1}")
    @CsvSource({
        "2026-01-01, 2026-01-02T09:00+01:00",   // Capodanno, a Thursday
        "2026-01-06, 2026-01-07T09:00+01:00",   // Epifania, Tuesday
        "2026-04-06, 2026-04-07T09:00+02:00",   // Easter Monday 2026
        "2027-03-29, 2027-03-30T09:00+02:00",   // Easter Monday 2027
        "2026-04-25, 2026-04-27T09:00+02:00",   // Liberazione, Saturday
        "2026-05-01, 2026-05-04T09:00+02:00",   // Festa del lavoro, Friday -> Monday
        "2026-06-02, 2026-06-03T09:00+02:00",   // Festa della Repubblica, Tuesday
        "2027-10-04, 2027-10-05T09:00+02:00",   // San Francesco, Monday
        "2026-12-08, 2026-12-09T09:00+01:00",   // Immacolata, Tuesday
        "2026-12-25, 2026-12-28T09:00+01:00",   // Natale, Friday; Santo Stefano Saturday
        "2025-12-26, 2025-12-29T09:00+01:00",   // Santo Stefano, Friday
        "2027-11-01, 2027-11-02T09:00+01:00"})  // Ognissanti, Monday
    void aMessageAtTenOnAHolidayWaitsForTheNextWorkingDay(LocalDate day, String next) {
        ZonedDateTime tenOClock = day.atTime(10, 0).atZone(ROME);
        assertThat(office.nextOpening(tenOClock).toOffsetDateTime()).isEqualTo(java.time.OffsetDateTime.parse(next));
    }

    @Test
    void fridayNightWaitsForMondaysOpening() {
        assertThat(office.nextOpening(rome("2026-11-27T22:00")))
            .isEqualTo(rome("2026-11-30T09:00"));
    }

    @Test
    void beforeTheEdgeWindowOfAWorkingDayWaitsForThatMorning() {
        assertThat(office.nextOpening(rome("2026-12-01T05:00"))).isEqualTo(rome("2026-12-01T09:00"));
    }

    @Test
    void theThursdayBeforeEasterMondayWaitsForTuesday() {
        // Friday 3 April 2026 22:00: Saturday, Sunday (Easter) and Monday (Easter Monday) are closed.
        assertThat(office.nextOpening(rome("2026-04-03T22:00"))).isEqualTo(rome("2026-04-07T09:00"));
    }

    @Test
    void springForwardWeekendLosesAnHourOfWaitingNotTheOpening() {
        // Saturday 28 March 2026 22:00 CET; clocks go 02:00 -> 03:00 on Sunday 29 March.
        ZonedDateTime friday = rome("2026-03-28T22:00");
        ZonedDateTime opening = office.nextOpening(friday);
        assertThat(opening.toOffsetDateTime()).isEqualTo(java.time.OffsetDateTime.parse("2026-03-30T09:00+02:00"));
        assertThat(Duration.between(friday, opening)).isEqualTo(Duration.ofHours(34));
    }

    @Test
    void fallBackWeekendGainsAnHourOfWaitingNotTheOpening() {
        // Saturday 24 October 2026 22:00 CEST; clocks go 03:00 -> 02:00 on Sunday 25 October.
        ZonedDateTime saturday = rome("2026-10-24T22:00");
        ZonedDateTime opening = office.nextOpening(saturday);
        assertThat(opening.toOffsetDateTime()).isEqualTo(java.time.OffsetDateTime.parse("2026-10-26T09:00+01:00"));
        assertThat(Duration.between(saturday, opening)).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void aMessageInTheNightOfTheSpringForwardSundayWaitsRealHours() {
        // 01:59 CET on Sunday 29 March 2026 is 00:59Z; Monday 09:00 CEST is 07:00Z.
        ZonedDateTime night = rome("2026-03-29T01:59");
        assertThat(Duration.between(night, office.nextOpening(night))).isEqualTo(Duration.ofHours(30).plusMinutes(1));
    }

    @Test
    void aMessageInTheRepeatedHourOfTheFallBackSundayWaitsRealHours() {
        // 02:30 happens twice on Sunday 25 October 2026; both wait for Monday 09:00 CET (08:00Z).
        ZonedDateTime first = ZonedDateTime.ofLocal(java.time.LocalDateTime.parse("2026-10-25T02:30"), ROME, java.time.ZoneOffset.ofHours(2));
        ZonedDateTime second = first.withLaterOffsetAtOverlap();
        assertThat(Duration.between(first, office.nextOpening(first))).isEqualTo(Duration.ofHours(31).plusMinutes(30));
        assertThat(Duration.between(second, office.nextOpening(second))).isEqualTo(Duration.ofHours(30).plusMinutes(30));
    }

    @Test
    void anOpeningInsideTheSpringForwardGapIsTheEndOfTheGap() {
        WorkingCalendar nightShift = new WorkingCalendar(LocalTime.of(2, 30), LocalTime.of(10, 0),
            EnumSet.allOf(DayOfWeek.class), ROME, Holidays.NONE);
        assertThat(nightShift.openingOn(LocalDate.of(2026, 3, 29)).toOffsetDateTime())
            .isEqualTo(java.time.OffsetDateTime.parse("2026-03-29T03:00+02:00"));
        assertThat(nightShift.nextOpening(rome("2026-03-29T01:30")).toOffsetDateTime())
            .isEqualTo(java.time.OffsetDateTime.parse("2026-03-29T03:00+02:00"));
    }

    @Test
    void anOpeningInsideTheFallBackOverlapIsItsFirstOccurrence() {
        WorkingCalendar nightShift = new WorkingCalendar(LocalTime.of(2, 30), LocalTime.of(10, 0),
            EnumSet.allOf(DayOfWeek.class), ROME, Holidays.NONE);
        assertThat(nightShift.openingOn(LocalDate.of(2026, 10, 25)).toOffsetDateTime())
            .isEqualTo(java.time.OffsetDateTime.parse("2026-10-25T02:30+02:00"));
    }

    @Test
    void edgeWindowsOnDstSundaysAreMeasuredInRealMinutes() {
        // A seven-day office opening at 04:00: on 29 March 2026 the window starts at 02:30 local
        // time, which does not exist; 90 real minutes before 04:00 CEST is 01:30 CET.
        WorkingCalendar everyDay = new WorkingCalendar(LocalTime.of(4, 0), LocalTime.of(12, 0),
            EnumSet.allOf(DayOfWeek.class), ROME, Holidays.NONE);
        assertThat(everyDay.slotOf(rome("2026-03-29T01:30").toInstant(), EDGE)).isEqualTo(CalendarSlot.BEFORE_OPENING);
        assertThat(everyDay.slotOf(rome("2026-03-29T01:29").toInstant(), EDGE)).isEqualTo(CalendarSlot.OUT_OF_HOURS);
    }

    @Test
    void anEdgeWindowCanReachAcrossMidnight() {
        WorkingCalendar late = new WorkingCalendar(LocalTime.of(14, 0), LocalTime.of(23, 30),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ROME, Holidays.NONE);
        assertThat(late.slotOf(rome("2026-12-02T00:45").toInstant(), EDGE)).isEqualTo(CalendarSlot.AFTER_CLOSING);
    }

    @Test
    void workingDaysAcceptRangesAndLists() {
        assertThat(WorkingCalendar.parseDays("workingDays", "MON-FRI"))
            .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(WorkingCalendar.parseDays("workingDays", "mon, wednesday,SAT-SUN"))
            .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "FRI-MON", "MON-FRI-SAT", "LUN"})
    void badWorkingDaysNameTheParameter(String text) {
        assertThatThrownBy(() -> WorkingCalendar.parseDays("workingDays", text)).hasMessageStartingWith("workingDays: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"18:00-09:00", "09:00", "9-18", "09:00-09:00", "25:00-26:00"})
    void badWorkingHoursNameTheParameter(String text) {
        assertThatThrownBy(() -> WorkingCalendar.parseHours("workingHours", text)).hasMessageStartingWith("workingHours: ");
    }

    @Test
    void badTimeZoneNamesTheParameter() {
        assertThatThrownBy(() -> WorkingCalendar.parseZone("timeZone", "Europe/Milano")).hasMessageStartingWith("timeZone: ");
    }

    @Test
    void aCalendarWithNoWorkingDayFailsLoudlyInsteadOfLooping() {
        WorkingCalendar closed = new WorkingCalendar(LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.of(DayOfWeek.MONDAY), ROME, everyDayOfTheYear());
        assertThatThrownBy(() -> closed.nextOpening(rome("2026-12-01T10:00"))).isInstanceOf(IllegalStateException.class);
    }

    private static Holidays everyDayOfTheYear() {
        StringBuilder everyDay = new StringBuilder();
        for (LocalDate d = LocalDate.of(2000, 1, 1); d.getYear() == 2000; d = d.plusDays(1)) {
            everyDay.append(everyDay.isEmpty() ? "" : ",").append(String.format("%02d-%02d", d.getMonthValue(), d.getDayOfMonth()));
        }
        return Holidays.parse("holidays", everyDay.toString());
    }
}
