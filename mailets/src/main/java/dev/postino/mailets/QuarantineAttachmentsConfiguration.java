package dev.postino.mailets;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.MailetConfig;

import dev.postino.notices.Language;
import dev.postino.notices.TemplateText;
import dev.postino.parameters.ParameterValues;
import dev.postino.quarantine.NoticeTemplates;
import dev.postino.quarantine.QuarantinePlan.Mode;

/**
 * {@link QuarantineAttachments}'s init parameters, read and validated once: a bad value throws an
 * {@link IllegalArgumentException} that names the parameter and quotes the value.
 */
final class QuarantineAttachmentsConfiguration {

    static final String REPOSITORY = "repository";
    static final String MODE = "mode";
    static final String NOTIFY_RECIPIENTS = "notifyRecipients";
    static final String NOTIFY_POSTMASTER = "notifyPostmaster";
    static final String NOTIFY_SENDER = "notifySender";
    static final String LANGUAGE = "language";
    static final String RELEASE_PROCESSOR = "releaseProcessor";
    static final String TIME_ZONE = "timeZone";
    static final String NOTICE_SUBJECT = "noticeSubject";
    static final String NOTICE_TEMPLATE = "noticeTemplate";
    static final String PART_NOTICE_TEMPLATE = "partNoticeTemplate";

    static final Set<String> PARAMETERS = Set.of(REPOSITORY, MODE, NOTIFY_RECIPIENTS, NOTIFY_POSTMASTER, NOTIFY_SENDER,
        LANGUAGE, RELEASE_PROCESSOR, TIME_ZONE, NOTICE_SUBJECT, NOTICE_TEMPLATE, PART_NOTICE_TEMPLATE);

    private final MailRepositoryUrl repository;
    private final Mode mode;
    private final boolean notifyRecipients;
    private final boolean notifyPostmaster;
    private final boolean notifySender;
    private final List<Language> languages;
    private final Optional<String> releaseProcessor;
    private final ZoneId zone;
    private final NoticeTemplates templates;

    /** @param clock its zone is the default {@code timeZone} */
    QuarantineAttachmentsConfiguration(MailetConfig config, Clock clock) {
        String url = value(config, REPOSITORY, "").trim();
        if (url.isEmpty()) {
            throw new IllegalArgumentException(label(REPOSITORY) + " is required "
                + "(a mail repository URL such as file://var/mail/quarantine/)");
        }
        try {
            repository = MailRepositoryUrl.from(url);
        } catch (RuntimeException bad) {
            throw ParameterValues.invalid(label(REPOSITORY), url, "not a mail repository URL such as file://var/mail/quarantine/");
        }
        String modeText = value(config, MODE, "message");
        mode = switch (modeText.trim().toLowerCase(Locale.ROOT)) {
            case "message" -> Mode.MESSAGE;
            case "strip" -> Mode.STRIP;
            default -> throw ParameterValues.invalid(label(MODE), modeText, "expected message or strip");
        };
        notifyRecipients = ParameterValues.bool(label(NOTIFY_RECIPIENTS), config.getInitParameter(NOTIFY_RECIPIENTS), true);
        notifyPostmaster = ParameterValues.bool(label(NOTIFY_POSTMASTER), config.getInitParameter(NOTIFY_POSTMASTER), false);
        notifySender = ParameterValues.bool(label(NOTIFY_SENDER), config.getInitParameter(NOTIFY_SENDER), false);
        try {
            languages = Language.parseList(value(config, LANGUAGE, "en"));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(label(LANGUAGE) + ": " + bad.getMessage(), bad);
        }
        releaseProcessor = Optional.ofNullable(config.getInitParameter(RELEASE_PROCESSOR)).map(String::trim)
            .filter(processor -> !processor.isEmpty());
        String zoneText = value(config, TIME_ZONE, "").trim();
        try {
            zone = zoneText.isEmpty() ? clock.getZone() : ZoneId.of(zoneText);
        } catch (DateTimeException bad) {
            throw ParameterValues.invalid(label(TIME_ZONE), zoneText, "not a time zone such as Europe/Rome");
        }
        // Inline text, or file:PATH, as every notice template.
        templates = NoticeTemplates.builtIn().withOverrides(template(config, NOTICE_SUBJECT),
            template(config, NOTICE_TEMPLATE), template(config, PART_NOTICE_TEMPLATE));
    }

    /** Where the originals are kept. */
    MailRepositoryUrl repository() {
        return repository;
    }

    Mode mode() {
        return mode;
    }

    boolean notifyRecipients() {
        return notifyRecipients;
    }

    boolean notifyPostmaster() {
        return notifyPostmaster;
    }

    /** Even when true, only an SMTP-authenticated local sender is notified. */
    boolean notifySender() {
        return notifySender;
    }

    /** One, or several for a bilingual notice, in that order. */
    List<Language> languages() {
        return languages;
    }

    /** The state given to the stored copy, where a WebAdmin reprocess without {@code processor} sends it. */
    Optional<String> releaseProcessor() {
        return releaseProcessor;
    }

    /** The zone of the dates in notices. */
    ZoneId zone() {
        return zone;
    }

    NoticeTemplates templates() {
        return templates;
    }

    private static String template(MailetConfig config, String name) {
        return TemplateText.read(name, config.getInitParameter(name)).orElse(null);
    }

    private static String value(MailetConfig config, String name, String defaultValue) {
        String value = config.getInitParameter(name);
        return value == null ? defaultValue : value;
    }

    /** How errors name a parameter: {@code parameter 'mode': invalid value 'delete': expected message or strip}. */
    private static String label(String name) {
        return "parameter '" + name + "'";
    }
}
