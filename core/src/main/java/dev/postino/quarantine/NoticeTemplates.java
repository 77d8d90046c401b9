package dev.postino.quarantine;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.postino.notices.Language;
import dev.postino.notices.Notice;
import dev.postino.notices.Placeholders;

/**
 * The texts of quarantine notices, built-in in Italian and English, overridable by the admin.
 *
 * <p>A notice must not become a phishing channel: it is plain text, has no link, quotes nothing of
 * the original but the file names (rendered by {@link SafeText#forNotice}, dots defanged) and says
 * the reason in our words ({@link ReasonText}), never the sender's. Placeholders in templates are
 * written {@code {name}} and replaced in one pass, so a value that happens to contain {@code {id}}
 * is never expanded again: the one mechanism of every notice ({@link Placeholders}).
 *
 * <p>Placeholders: {@code {id}} quarantine id, {@code {date}} when it was held, {@code {attachments}}
 * one line per held file with its reason, {@code {postmaster}} the postmaster address; in part
 * notices also {@code {file}} and {@code {reason}}; in postmaster notices also {@code {sender}},
 * {@code {recipients}}, {@code {action}} and {@code {repository}}.
 */
public final class NoticeTemplates {

    /** The placeholders an admin's notice subject or text may use. */
    public static final Set<String> PLACEHOLDERS = Set.of("id", "date", "attachments", "postmaster", "file", "reason");

    /** What every notice is about. */
    public record Held(QuarantineId id, ZonedDateTime heldAt, List<HeldAttachment> attachments, String postmaster) {
        public Held {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(heldAt, "heldAt");
            attachments = List.copyOf(attachments);
            postmaster = Objects.requireNonNullElse(postmaster, "");
        }
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx", Locale.ROOT);

    private static final Map<Language, String> RECIPIENT_SUBJECT = Map.of(
        Language.IT, "Messaggio trattenuto: allegato pericoloso [{id}]",
        Language.EN, "Message held: dangerous attachment [{id}]");

    private static final Map<Language, String> RECIPIENT_BODY = Map.of(
        Language.IT, """
            Un messaggio indirizzato a te è stato trattenuto dal server di posta perché contiene \
            un allegato che potrebbe danneggiare il tuo computer.

            Data: {date}
            Codice di quarantena: {id}

            Allegati trattenuti:
            {attachments}

            Il messaggio non ti è stato consegnato. Se lo aspettavi, inoltra questo avviso \
            all'amministratore di posta ({postmaster}) citando il codice di quarantena: potrà \
            esaminarlo e, se è sicuro, consegnartelo.

            Questo avviso non contiene link né parti del messaggio originale. Non aprire mai \
            allegati inattesi, anche se sembrano arrivare da mittenti che conosci.
            (Nei nomi dei file i punti sono scritti [.] perché i programmi di posta non li \
            trasformino in link.)""",
        Language.EN, """
            A message addressed to you was held by the mail server because it carries an \
            attachment that could harm your computer.

            Date: {date}
            Quarantine id: {id}

            Held attachments:
            {attachments}

            The message was not delivered to you. If you were expecting it, forward this notice \
            to your mail administrator ({postmaster}) quoting the quarantine id: they can examine \
            it and, if it is safe, deliver it.

            This notice contains no link and no part of the original message. Never open \
            attachments you were not expecting, even when they seem to come from people you know.
            (Dots in file names are written [.] so that mail programs do not turn them into links.)""");

    private static final Map<Language, String> SENDER_SUBJECT = Map.of(
        Language.IT, "Allegato pericoloso nel tuo messaggio [{id}]",
        Language.EN, "Dangerous attachment in your message [{id}]");

    private static final Map<Language, String> SENDER_BODY = Map.of(
        Language.IT, """
            Un messaggio che hai inviato contiene allegati che il server di posta ritiene \
            pericolosi. Sono stati messi in quarantena e non sono stati consegnati ai destinatari.

            Data: {date}
            Codice di quarantena: {id}

            Allegati trattenuti:
            {attachments}

            Se l'invio era voluto, contatta l'amministratore di posta ({postmaster}) citando il \
            codice di quarantena.""",
        Language.EN, """
            A message you sent carries attachments that the mail server considers dangerous. \
            They were quarantined and not delivered to the recipients.

            Date: {date}
            Quarantine id: {id}

            Held attachments:
            {attachments}

            If you meant to send them, contact your mail administrator ({postmaster}) quoting \
            the quarantine id.""");

    private static final Map<Language, String> PART_BODY = Map.of(
        Language.IT, """
            Allegato rimosso dal server di posta: {file}
            Motivo: {reason}
            Codice di quarantena: {id} ({date})
            Il messaggio originale è conservato dall'amministratore di posta ({postmaster}), \
            che può consegnartelo se lo aspettavi e se è sicuro.""",
        Language.EN, """
            Attachment removed by the mail server: {file}
            Reason: {reason}
            Quarantine id: {id} ({date})
            The original message is kept by your mail administrator ({postmaster}), who can \
            deliver it if you were expecting it and it is safe.""");

    private static final String POSTMASTER_SUBJECT = "[Postino] {action}: {id}";
    private static final String POSTMASTER_BODY = """
        Quarantine id: {id}
        Held at: {date}
        Action: {action}
        Repository: {repository} (key {id})
        Envelope sender: {sender}
        Recipients: {recipients}

        Findings:
        {attachments}
        """;

    private final Optional<String> recipientSubjectOverride;
    private final Optional<String> recipientBodyOverride;
    private final Optional<String> partBodyOverride;

    private NoticeTemplates(Optional<String> subject, Optional<String> body, Optional<String> part) {
        this.recipientSubjectOverride = subject;
        this.recipientBodyOverride = body;
        this.partBodyOverride = part;
    }

    /** The built-in Italian and English texts. */
    public static NoticeTemplates builtIn() {
        return new NoticeTemplates(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Replaces the built-in texts; a blank or null argument keeps the built-in one. An overriding text
     * is used once, whatever the languages, and reasons are worded in the first language asked. A
     * placeholder outside {@link #PLACEHOLDERS} is rejected ({@link Placeholders#check}).
     */
    public NoticeTemplates withOverrides(String recipientSubject, String recipientBody, String partBody) {
        return new NoticeTemplates(nonBlank("noticeSubject", recipientSubject).or(() -> recipientSubjectOverride),
            nonBlank("noticeTemplate", recipientBody).or(() -> recipientBodyOverride),
            nonBlank("partNoticeTemplate", partBody).or(() -> partBodyOverride));
    }

    /** The notice sent to a recipient whose copy was held whole (or to an authenticated sender). */
    public Notice recipientNotice(Held held, List<Language> languages) {
        String subject = recipientSubjectOverride
            .map(template -> Placeholders.render(template, values(held, languages.get(0))))
            .orElseGet(() -> String.join(Notice.SUBJECT_SEPARATOR, languages.stream()
                .map(language -> Placeholders.render(RECIPIENT_SUBJECT.get(language), values(held, language)))
                .toList()));
        return new Notice(subject, body(recipientBodyOverride, RECIPIENT_BODY, held, languages, Map.of()));
    }

    /** The notice to an authenticated local sender (never to an unauthenticated one: it could be forged). */
    public Notice senderNotice(Held held, List<Language> languages) {
        String subject = String.join(Notice.SUBJECT_SEPARATOR, languages.stream()
            .map(language -> Placeholders.render(SENDER_SUBJECT.get(language), values(held, language)))
            .toList());
        return new Notice(subject, body(Optional.empty(), SENDER_BODY, held, languages, Map.of()));
    }

    /** The text that replaces one removed part; {@code held.attachments()} are the findings of that part. */
    public String partNotice(Held held, List<Language> languages) {
        return body(partBodyOverride, PART_BODY, held, languages, Map.of());
    }

    /** The administrator's notice: English, with the envelope, which a user notice never shows. */
    public Notice postmasterNotice(Held held, String action, String repository, String sender, List<String> recipients) {
        Map<String, String> extra = new HashMap<>();
        extra.put("action", SafeText.displayName(action));
        extra.put("repository", SafeText.displayName(repository, 300));
        extra.put("sender", sender == null || sender.isEmpty() ? "<>" : SafeText.forNotice(sender));
        extra.put("recipients", String.join(", ", recipients.stream().map(SafeText::forNotice).toList()));
        Map<String, String> values = values(held, Language.EN);
        values.putAll(extra);
        return new Notice(Placeholders.render(POSTMASTER_SUBJECT, values), Placeholders.render(POSTMASTER_BODY, values));
    }

    private String body(Optional<String> override, Map<Language, String> builtIn, Held held, List<Language> languages,
                        Map<String, String> extra) {
        if (override.isPresent()) {
            Map<String, String> values = values(held, languages.get(0));
            values.putAll(extra);
            return Placeholders.render(override.get(), values);
        }
        List<String> blocks = new ArrayList<>();
        for (Language language : languages) {
            Map<String, String> values = values(held, language);
            values.putAll(extra);
            blocks.add(Placeholders.render(builtIn.get(language), values));
        }
        return String.join(Notice.LANGUAGE_SEPARATOR, blocks);
    }

    private static Map<String, String> values(Held held, Language language) {
        Map<String, String> values = new HashMap<>();
        values.put("id", held.id().value());
        values.put("date", DATE.format(held.heldAt()));
        values.put("postmaster", held.postmaster());
        // One line per file: the inspector often reports several reasons for the same file.
        Map<String, List<String>> reasonsByName = new LinkedHashMap<>();
        for (HeldAttachment attachment : held.attachments()) {
            String name = SafeText.forNotice(attachment.shownName());
            List<String> reasons = reasonsByName.computeIfAbsent(name, ignored -> new ArrayList<>());
            String reason = ReasonText.describe(attachment.code(), language);
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
        List<String> lines = new ArrayList<>();
        reasonsByName.forEach((name, reasons) -> lines.add("  - "
            + (name.isEmpty() ? (language == Language.IT ? "(messaggio)" : "(message)") : name)
            + ": " + String.join("; ", reasons)));
        values.put("attachments", String.join("\n", lines));
        HeldAttachment first = held.attachments().isEmpty() ? new HeldAttachment("", "", "", "", "")
            : held.attachments().get(0);
        values.put("file", SafeText.forNotice(first.shownName()));
        values.put("reason", String.join("; ", held.attachments().stream()
            .map(attachment -> ReasonText.describe(attachment.code(), language)).distinct().toList()));
        return values;
    }

    private static Optional<String> nonBlank(String parameter, String text) {
        return text == null || text.isBlank() ? Optional.empty()
            : Optional.of(Placeholders.check(parameter, text.strip(), PLACEHOLDERS));
    }
}
