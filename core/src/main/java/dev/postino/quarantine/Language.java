package dev.postino.quarantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.postino.parameters.ParameterValues;

/** The languages notices are written in. */
public enum Language {
    IT,
    EN;

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
