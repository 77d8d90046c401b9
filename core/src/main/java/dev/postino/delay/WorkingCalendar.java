package dev.postino.delay;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Working hours, working days, a time zone and holidays: when the office is open.
 *
 * <p>Every comparison is between instants, and every local time is resolved in the calendar's
 * zone, so a daylight-saving change neither shifts nor loses an opening: an opening that falls in
 * a spring-forward gap is the first instant after the gap, one in an autumn overlap is its first
 * occurrence. Working hours are half-open, {@code [opening, closing)}: a message at 18:00 with
 * hours 09:00-18:00 arrives after closing.
 */
public final class WorkingCalendar {

    /** How far ahead {@link #nextOpening} looks before deciding the calendar has no working day. */
    private static final int LOOKAHEAD_DAYS = 3 * 366;

    private final LocalTime opening;
    private final LocalTime closing;
    private final Set<DayOfWeek> workingDays;
    private final ZoneId zone;
    private final Holidays holidays;

    public WorkingCalendar(LocalTime opening, LocalTime closing, Set<DayOfWeek> workingDays, ZoneId zone, Holidays holidays) {
        this.opening = Objects.requireNonNull(opening, "opening");
        this.closing = Objects.requireNonNull(closing, "closing");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.holidays = Objects.requireNonNull(holidays, "holidays");
        if (!opening.isBefore(closing)) {
            throw new IllegalArgumentException("workingHours: opening " + opening + " must be before closing " + closing);
        }
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("workingDays: at least one working day is needed");
        }
        this.workingDays = Set.copyOf(EnumSet.copyOf(workingDays));
    }

    /** 09:00-18:00, Monday to Friday, Europe/Rome, Italian national holidays. */
    public static WorkingCalendar italianOffice() {
        return new WorkingCalendar(LocalTime.of(9, 0), LocalTime.of(18, 0),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ZoneId.of("Europe/Rome"), Holidays.italy());
    }

    /** Parses {@code 09:00-18:00} into {opening, closing}; errors name {@code parameter}. */
    public static LocalTime[] parseHours(String parameter, String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException(parameter + ": invalid value '" + text + "': expected e.g. 09:00-18:00");
        }
        try {
            LocalTime from = LocalTime.parse(parts[0]);
            LocalTime to = LocalTime.parse(parts[1]);
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException(parameter + ": invalid value '" + text
                    + "': the opening must be before the closing on the same day");
            }
            return new LocalTime[] {from, to};
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(parameter + ": invalid value '" + text + "': expected e.g. 09:00-18:00", e);
        }
    }

    /**
     * Parses a comma list of days or ranges of days, {@code MON-FRI} or {@code MON,TUE,THU} or
     * {@code MON-FRI,SAT} (English names, three letters or full); errors name {@code parameter}.
     */
    public static Set<DayOfWeek> parseDays(String parameter, String text) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException(parameter + ": at least one working day is needed");
        }
        for (String part : trimmed.split("\\s*,\\s*")) {
            String[] ends = part.split("\\s*-\\s*");
            if (ends.length == 1) {
                days.add(day(parameter, text, ends[0]));
            } else if (ends.length == 2) {
                DayOfWeek from = day(parameter, text, ends[0]);
                DayOfWeek to = day(parameter, text, ends[1]);
                if (from.compareTo(to) > 0) {
                    throw new IllegalArgumentException(parameter + ": invalid value '" + text
                        + "': range " + part + " runs backwards (weeks start on Monday)");
                }
                days.addAll(EnumSet.range(from, to));
            } else {
                throw new IllegalArgumentException(parameter + ": invalid value '" + text + "': expected e.g. MON-FRI");
            }
        }
        return days;
    }

    private static DayOfWeek day(String parameter, String text, String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(upper) || d.name().substring(0, 3).equals(upper)) {
                return d;
            }
        }
        throw new IllegalArgumentException(parameter + ": invalid value '" + text + "': '" + name + "' is not a day of the week");
    }

    /** Parses a zone id such as {@code Europe/Rome}; errors name {@code parameter}. */
    public static ZoneId parseZone(String parameter, String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException(parameter + ": invalid value '" + text + "': not a time zone id such as Europe/Rome", e);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.test(date);
    }

    /** The instant the office opens on {@code date} (whether or not it is a working day). */
    public ZonedDateTime openingOn(LocalDate date) {
        return firstInstantAtOrAfter(date.atTime(opening));
    }

    /** The instant the office closes on {@code date}. */
    public ZonedDateTime closingOn(LocalDate date) {
        return firstInstantAtOrAfter(date.atTime(closing));
    }

    /** The first instant whose wall-clock time in the zone reaches {@code local}. */
    private ZonedDateTime firstInstantAtOrAfter(LocalDateTime local) {
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant().atZone(zone);
        }
        return ZonedDateTime.ofLocal(local, zone, null);
    }

    /** Where {@code moment} falls, with edge windows of {@code edgeWindow} before and after. */
    public CalendarSlot slotOf(Instant moment, Duration edgeWindow) {
        LocalDate today = moment.atZone(zone).toLocalDate();
        // An edge window may reach into the previous or next date when hours are near midnight.
        LocalDate[] candidates = {today.minusDays(1), today, today.plusDays(1)};
        for (LocalDate date : candidates) {
            if (isWorkingDay(date)) {
                Instant open = openingOn(date).toInstant();
                Instant close = closingOn(date).toInstant();
                if (!moment.isBefore(open) && moment.isBefore(close)) {
                    return CalendarSlot.WORKING_HOURS;
                }
            }
        }
        for (LocalDate date : candidates) {
            if (isWorkingDay(date)) {
                Instant open = openingOn(date).toInstant();
                Instant close = closingOn(date).toInstant();
                if (!moment.isBefore(open.minus(edgeWindow)) && moment.isBefore(open)) {
                    return CalendarSlot.BEFORE_OPENING;
                }
                if (!moment.isBefore(close) && !moment.isAfter(close.plus(edgeWindow))) {
                    return CalendarSlot.AFTER_CLOSING;
                }
            }
        }
        return CalendarSlot.OUT_OF_HOURS;
    }

    /**
     * The first opening of a working day at or after {@code moment}.
     *
     * @throws IllegalStateException if the calendar has no working day in the next three years
     *     (every day a holiday): a configuration the caller must handle without losing mail
     */
    public ZonedDateTime nextOpening(Instant moment) {
        LocalDate date = moment.atZone(zone).toLocalDate();
        for (int i = 0; i <= LOOKAHEAD_DAYS; i++, date = date.plusDays(1)) {
            if (isWorkingDay(date)) {
                ZonedDateTime open = openingOn(date);
                if (!open.toInstant().isBefore(moment)) {
                    return open;
                }
            }
        }
        throw new IllegalStateException("no working day within " + LOOKAHEAD_DAYS + " days of " + moment + " in " + this);
    }

    /** {@link #nextOpening(Instant)} for a zoned moment, returned in the calendar's zone. */
    public ZonedDateTime nextOpening(ZonedDateTime moment) {
        return nextOpening(moment.toInstant());
    }

    @Override
    public String toString() {
        return opening + "-" + closing + " "
            + workingDays.stream().sorted().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).collect(Collectors.joining(","))
            + " " + zone + " holidays=" + holidays;
    }
}
