package dev.postino.notices;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.postino.parameters.ParameterValues;

/**
 * The languages Postino writes to people in: quarantine notices and the reprimand letter. A list
 * of several makes a bilingual text, in that order ({@link Notice#inLanguages}).
 */
public enum Language {
    IT(Locale.ITALIAN),
    EN(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /** For dates and numbers written in this language. */
    public Locale locale() {
        return locale;
    }

    /**
     * Parses a comma-separated list such as {@code "it"} or {@code "it,en"} (a bilingual notice, in that
     * order).
     *
     * @throws IllegalArgumentException naming the bad value when a language is unknown or the list is empty
     */
    public static List<Language> parseList(String text) {
        List<Language> languages = new ArrayList<>();
        for (String item : ParameterValues.list(text)) {
            String code = item.toUpperCase(Locale.ROOT);
            try {
                Language language = Language.valueOf(code);
                if (!languages.contains(language)) {
                    languages.add(language);
                }
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown language '" + item + "' (expected it, en or it,en)");
            }
        }
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("no language in '" + text + "' (expected it, en or it,en)");
        }
        return List.copyOf(languages);
    }
}
