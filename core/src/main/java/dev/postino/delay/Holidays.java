package dev.postino.delay;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import dev.postino.parameters.ParameterValues;

/**
 * Days on which no one works, whatever the weekday: a list of rules, each a fixed date every
 * year ({@code 12-25}), one date ({@code 2026-12-07}), Easter Sunday ({@code easter}) or Easter
 * Monday ({@code easter-monday}), plus {@code italy} for the Italian national holidays.
 */
public final class Holidays implements Predicate<LocalDate> {

    /** No holidays at all. */
    public static final Holidays NONE = new Holidays(List.of(), "none");

    private final List<Predicate<LocalDate>> rules;
    private final String description;

    private Holidays(List<Predicate<LocalDate>> rules, String description) {
        this.rules = List.copyOf(rules);
        this.description = description;
    }

    /**
     * The Italian national holidays (L. 260/1949 and later changes): 1 and 6 January, Easter
     * Sunday and Monday, 25 April, 1 May, 2 June, 15 August, 4 October (San Francesco, restored
     * by L. 151/2025 from 2026 on), 1 November, 8, 25 and 26 December. Local patron saints'
     * days differ by city: add yours with {@code extraHolidays}.
     */
    public static Holidays italy() {
        return parse("holidays", "italy");
    }

    /**
     * Parses a comma list of rules (see the class comment); {@code none} alone means no holidays.
     * A bad entry throws an {@link IllegalArgumentException} naming {@code parameter}.
     */
    public static Holidays parse(String parameter, String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return NONE;
        }
        List<Predicate<LocalDate>> rules = new ArrayList<>();
        for (String raw : ParameterValues.list(trimmed)) {
            String entry = raw.toLowerCase(Locale.ROOT);
            switch (entry) {
                case "italy", "it" -> rules.addAll(italianRules());
                case "easter" -> rules.add(d -> d.equals(easterSunday(d.getYear())));
                case "easter-monday" -> rules.add(d -> d.equals(easterSunday(d.getYear()).plusDays(1)));
                case "none" -> throw new IllegalArgumentException(
                    parameter + ": 'none' cannot be combined with other entries in '" + text + "'");
                default -> rules.add(dateRule(parameter, entry));
            }
        }
        return new Holidays(rules, trimmed);
    }

    private static List<Predicate<LocalDate>> italianRules() {
        List<Predicate<LocalDate>> rules = new ArrayList<>();
        for (String day : List.of("01-01", "01-06", "04-25", "05-01", "06-02", "08-15", "11-01", "12-08", "12-25", "12-26")) {
            rules.add(dateRule("holidays", day));
        }
        MonthDay sanFrancesco = MonthDay.of(10, 4);
        rules.add(d -> d.getYear() >= 2026 && MonthDay.from(d).equals(sanFrancesco));
        rules.add(d -> d.equals(easterSunday(d.getYear())));
        rules.add(d -> d.equals(easterSunday(d.getYear()).plusDays(1)));
        return rules;
    }

    private static Predicate<LocalDate> dateRule(String parameter, String entry) {
        try {
            if (entry.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate date = LocalDate.parse(entry);
                return date::equals;
            }
            if (entry.matches("\\d{2}-\\d{2}")) {
                MonthDay monthDay = MonthDay.parse("--" + entry);
                return d -> MonthDay.from(d).equals(monthDay);
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(parameter + ": '" + entry + "' is not a valid date", e);
        }
        throw new IllegalArgumentException(parameter + ": '" + entry
            + "' is not a holiday rule (expected MM-DD, YYYY-MM-DD, easter, easter-monday, italy or none)");
    }

    /** These holidays plus {@code other}'s. */
    public Holidays and(Holidays other) {
        if (other.rules.isEmpty()) {
            return this;
        }
        List<Predicate<LocalDate>> all = new ArrayList<>(rules);
        all.addAll(other.rules);
        return new Holidays(all, rules.isEmpty() ? other.description : description + ", " + other.description);
    }

    @Override
    public boolean test(LocalDate date) {
        for (Predicate<LocalDate> rule : rules) {
            if (rule.test(date)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Western (Gregorian) Easter Sunday of {@code year}, by the anonymous Gregorian algorithm
     * (Meeus/Jones/Butcher), valid for every year of the Gregorian calendar.
     */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        LocalDate easter = LocalDate.of(year, month, day);
        assert easter.getDayOfWeek() == DayOfWeek.SUNDAY;
        return easter;
    }

    @Override
    public String toString() {
        return description;
    }
}
