package dev.postino.sandbox.cli;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** What happened to one message in the sandbox, as plain text for people or JSON for machines. */
record MessageReport(String file, Optional<String> description, String subject, String sender, List<String> recipients,
                     ZonedDateTime arrivedAt, List<Step> steps, Map<String, String> attributes,
                     List<Outcome> outcomes, List<SentMail> sentByMailets, List<String> notReached, int errors) {

    static final int WIDTH = 80;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE dd MMM yyyy HH:mm:ss", Locale.ENGLISH);
    private static final int PREVIEW_LINES = 14;

    /** A Postino matcher that matched, or a Postino mailet that ran. */
    record Step(String processor, String kind, String className, List<String> matched, Optional<String> error) {
    }

    /**
     * Where (part of) the message ended: {@code delivered}, {@code relayed}, {@code bounce},
     * {@code stored} (repository), {@code held} (re-enqueued with a delay, or kept in a hold bucket).
     */
    record Outcome(String kind, List<String> recipients, ZonedDateTime at, Optional<String> where, String subject,
                   List<String> notes) {
    }

    /** A new mail a mailet sent: a notice, a letter. */
    record SentMail(String from, List<String> to, String subject, List<String> body) {
    }

    static List<String> bodyPreview(MimeMessage message) {
        try {
            String text = firstText(message);
            if (text == null) {
                return List.of();
            }
            List<String> lines = text.lines().map(String::stripTrailing).toList();
            int end = lines.size();
            while (end > 0 && lines.get(end - 1).isBlank()) {
                end--;
            }
            List<String> shown = new ArrayList<>(lines.subList(0, Math.min(end, PREVIEW_LINES)));
            if (end > PREVIEW_LINES) {
                shown.add("[" + (end - PREVIEW_LINES) + " more lines]");
            }
            return shown;
        } catch (MessagingException | IOException e) {
            return List.of("[body unreadable: " + e.getMessage() + "]");
        }
    }

    private static String firstText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = firstText(child);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        String title = "── " + file + " ";
        out.append(title).append("─".repeat(Math.max(3, WIDTH - title.length()))).append('\n');
        description.ifPresent(d -> wrap(out, "", d, ""));
        field(out, "Subject", subject.isEmpty() ? "(none)" : shortened(subject));
        field(out, "From", sender);
        field(out, "To", String.join(", ", recipients));
        field(out, "Arrived", TIME.format(arrivedAt) + " " + arrivedAt.getZone());

        out.append(" Postino\n");
        if (steps.isEmpty() && attributes.isEmpty()) {
            out.append("  (no Postino matcher matched and no Postino mailet ran)\n");
        }
        for (Step step : steps) {
            String what = step.className() + " in " + step.processor()
                + (step.kind().equals("matcher") ? " matched " + String.join(", ", step.matched()) : " ran")
                + step.error().map(e -> " — FAILED: " + e).orElse("");
            field(out, step.kind(), what);
        }
        attributes.forEach((name, value) -> field(out, "", name + " = " + value));

        out.append(" Outcome\n");
        for (Outcome outcome : outcomes) {
            StringBuilder what = new StringBuilder(String.join(", ", outcome.recipients()));
            switch (outcome.kind()) {
                case "held" -> {
                    String where = outcome.where().orElse("?");
                    // a processor (queue hold) or a hold bucket's repository URL (repository hold)
                    what.append(where.contains("://") ? " in " + where + " until " : " → processor " + where + " at ")
                        .append(TIME.format(outcome.at())).append(' ').append(String.join(" ", outcome.notes()));
                }
                case "stored" -> what.append(" in ").append(outcome.where().orElse("?"));
                default -> {
                    what.append(" at ").append(TIME.format(outcome.at()));
                    if (!outcome.notes().isEmpty()) {
                        what.append(" (quarantine id ").append(String.join(", ", outcome.notes())).append(')');
                    }
                }
            }
            if (!outcome.subject().equals(subject) && !outcome.kind().equals("bounce")) {
                what.append(" — subject now \"").append(shortened(outcome.subject())).append('"');
            }
            field(out, outcome.kind(), what.toString());
        }
        if (!notReached.isEmpty()) {
            field(out, "not sent", String.join(", ", notReached) + " (discarded or kept back: see above)");
        }
        if (errors > 0) {
            field(out, "ERROR", errors + " mail(s) in the error repository");
        }
        if (!sentByMailets.isEmpty()) {
            out.append(" Sent by mailets\n");
            for (SentMail mail : sentByMailets) {
                field(out, "mail", mail.from() + " → " + String.join(", ", mail.to()) + ": \"" + mail.subject() + "\"");
                for (String line : mail.body()) {
                    wrap(out, "            | ", line, "            | ");
                }
            }
        }
        return out.toString();
    }

    /** An absurd Subject (the seed's was 3501 bytes) is shown by its start and its length. */
    static String shortened(String text) {
        int limit = 160;
        if (text.codePointCount(0, text.length()) <= limit) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, limit)) + "… [" + text.codePointCount(0, text.length())
            + " characters in all]";
    }

    private static void field(StringBuilder out, String label, String value) {
        String prefix = "  " + String.format("%-9s ", label);
        wrap(out, prefix, value, " ".repeat(prefix.length()));
    }

    private static void wrap(StringBuilder out, String firstPrefix, String text, String nextPrefix) {
        String prefix = firstPrefix;
        String rest = text;
        do {
            int room = Math.max(20, WIDTH - prefix.length());
            String line;
            if (rest.length() <= room) {
                line = rest;
                rest = "";
            } else {
                int cut = rest.lastIndexOf(' ', room);
                if (cut <= room / 3) {
                    cut = room;
                }
                line = rest.substring(0, cut);
                rest = rest.substring(cut).stripLeading();
            }
            out.append(prefix).append(line).append('\n');
            prefix = nextPrefix;
        } while (!rest.isEmpty());
    }

    String toJson() {
        Json json = new Json();
        json.begin();
        json.field("file", file);
        json.field("description", description.orElse(null));
        json.field("subject", subject);
        json.field("sender", sender);
        json.field("recipients", recipients);
        json.field("arrivedAt", arrivedAt.toOffsetDateTime().toString());
        json.array("postinoSteps", steps, (j, s) -> {
            j.field("processor", s.processor());
            j.field("kind", s.kind());
            j.field("class", s.className());
            j.field("matched", s.matched());
            j.field("error", s.error().orElse(null));
        });
        json.object("attributes", attributes);
        json.array("outcomes", outcomes, (j, o) -> {
            j.field("kind", o.kind());
            j.field("recipients", o.recipients());
            j.field("at", o.at() == null ? null : o.at().toOffsetDateTime().toString());
            j.field("where", o.where().orElse(null));
            j.field("subject", o.subject());
            j.field("notes", o.notes());
        });
        json.array("sentByMailets", sentByMailets, (j, m) -> {
            j.field("from", m.from());
            j.field("to", m.to());
            j.field("subject", m.subject());
            j.field("body", m.body());
        });
        json.field("notReached", notReached);
        json.field("errors", errors);
        json.end();
        return json.toString();
    }
}
