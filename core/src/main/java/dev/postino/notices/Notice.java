package dev.postino.notices;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A text Postino sends to a person, rendered and ready to be put in a plain-text message: a
 * quarantine notice or a reprimand letter. Whoever renders it has already made every quoted value
 * safe to show; the message around it is built the same way for every notice.
 */
public record Notice(String subject, String body) {

    /** Between the language versions of a bilingual body. */
    public static final String LANGUAGE_SEPARATOR = "\n\n----------------------------------------\n\n";
    /** Between the language versions of a bilingual subject. */
    public static final String SUBJECT_SEPARATOR = " / ";

    public Notice {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /**
     * One notice in each of {@code languages}, in that order: the subjects joined by
     * {@value #SUBJECT_SEPARATOR}, the bodies by a rule.
     */
    public static Notice inLanguages(List<Language> languages, Function<Language, Notice> render) {
        return joined(languages.stream().map(render).toList());
    }

    /** The versions of one notice in several languages, as one: subjects joined by {@value #SUBJECT_SEPARATOR}, bodies by a rule. */
    public static Notice joined(List<Notice> versions) {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no language");
        }
        return new Notice(String.join(SUBJECT_SEPARATOR, versions.stream().map(Notice::subject).toList()),
            String.join(LANGUAGE_SEPARATOR, versions.stream().map(Notice::body).toList()));
    }
}
