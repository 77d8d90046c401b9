package dev.postino.admin.console;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.postino.admin.quarantine.Finding;
import dev.postino.admin.quarantine.Findings;
import dev.postino.admin.quarantine.HeldMail;
import dev.postino.admin.quarantine.Quarantine;
import dev.postino.admin.quarantine.Shown;

/**
 * The console's pages, rendered on the server. No script at all (the pages are served with a policy
 * that forbids it), no remote resource, never the message's body: what is shown of a mail is its
 * envelope, its headers and Postino's findings, each value through {@link Html#shown}.
 */
final class Pages {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    /** A state-changing action offered on a held message. */
    enum Action {
        RELEASE("release", "Release"), DELETE("delete", "Delete");

        final String path;
        final String label;

        Action(String path, String label) {
            this.path = path;
            this.label = label;
        }
    }

    private final String where;

    /** {@code where}: the repository and the WebAdmin address as shown in every page's header (never the token). */
    Pages(String where) {
        this.where = where;
    }

    String list(List<HeldMail> all, List<HeldMail> shown, String query, boolean newestFirst, Optional<String> flash) {
        StringBuilder body = new StringBuilder();
        flash(body, flash);
        body.append("<form class=\"filter\" method=\"get\" action=\"/\">")
            .append("<label for=\"q\">Filter</label> <input type=\"search\" id=\"q\" name=\"q\" value=\"")
            .append(Html.text(query)).append("\" placeholder=\"id, sender, recipient, subject or reason\">")
            .append("<input type=\"hidden\" name=\"sort\" value=\"").append(newestFirst ? "newest" : "oldest").append("\">")
            .append(" <button type=\"submit\">Filter</button>");
        if (!query.isEmpty()) {
            body.append(" <a href=\"/\">Show all</a>");
        }
        body.append("</form>\n");
        body.append("<p class=\"count\">").append(all.size()).append(" held message(s)");
        if (!query.isEmpty()) {
            body.append(", ").append(shown.size()).append(" matching “").append(Html.shown(query, 60)).append("”");
        }
        body.append("</p>\n");
        if (shown.isEmpty()) {
            return page("Quarantine", body.toString());
        }
        String toggle = "/?sort=" + (newestFirst ? "oldest" : "newest") + (query.isEmpty() ? "" : "&q=" + urlEncode(query));
        body.append("<table class=\"mails\"><thead><tr>")
            .append("<th><a href=\"").append(Html.text(toggle)).append("\" title=\"sort\">Held (UTC) ")
            .append(newestFirst ? "▼" : "▲").append("</a></th>")
            .append("<th>Quarantine id</th><th>Sender</th><th>Recipients</th><th>Subject</th><th>Reasons</th><th>Size</th>")
            .append("</tr></thead>\n<tbody>\n");
        for (HeldMail mail : shown) {
            body.append("<tr><td class=\"date\">").append(mail.heldAt().map(DATE::format).orElse("?")).append("</td><td class=\"id\">")
                .append(idLink(mail.id())).append("</td><td>")
                .append(Html.shown(mail.senderText(), 40)).append("</td><td>")
                .append(Html.shown(String.join(", ", mail.recipients()), 60)).append("</td><td>")
                .append(Html.shown(mail.subject(), 80)).append("</td><td>")
                .append(reasons(mail)).append("</td><td class=\"size\">")
                .append(mail.size().map(Shown::bytes).orElse("?")).append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
        return page("Quarantine", body.toString());
    }

    String detail(HeldMail mail, Optional<String> flash) {
        StringBuilder body = new StringBuilder();
        flash(body, flash);
        body.append("<p><a href=\"/\">← All held mail</a></p>\n");
        body.append("<h2>").append(Html.shown(mail.id(), 60)).append("</h2>\n");
        if (Quarantine.isKey(mail.id())) {
            body.append("<p class=\"actions\">");
            for (Action action : Action.values()) {
                body.append("<a class=\"button ").append(action.path).append("\" href=\"/mail/").append(Html.text(mail.id()))
                    .append("/").append(action.path).append("\">").append(action.label).append("…</a> ");
            }
            body.append("</p>\n");
        }
        body.append("<table class=\"facts\">\n");
        fact(body, "Held at", mail.heldAt().map(at -> DATE.format(at) + " UTC").orElse("?"));
        fact(body, "Envelope sender", mail.senderText());
        fact(body, "Recipients", String.join(", ", mail.recipients()));
        fact(body, "Subject", mail.subject());
        fact(body, "From", mail.header("From").orElse(""));
        fact(body, "Verdict", mail.verdict().orElse("none: held without inspection (" + HeldMail.NOT_INSPECTED + ")"));
        fact(body, "Action", mail.action().orElse("?"));
        fact(body, "State", mail.state().orElse("?"));
        fact(body, "Received from", mail.remoteHost().orElse("?") + " [" + mail.remoteAddr().orElse("?") + "]");
        fact(body, "Size", mail.size().map(bytes -> bytes + " bytes").orElse("?"));
        mail.error().ifPresent(error -> fact(body, "Error", error));
        body.append("</table>\n");

        Findings findings = mail.findings();
        body.append("<h3>Findings</h3>\n");
        if (!findings.readable()) {
            body.append("<p class=\"warning\">The findings cannot be read exactly as stored: a name in this mail contains"
                + " the text that separates the values. Reason codes found: ").append(reasons(mail)).append("</p>\n")
                .append("<pre class=\"raw\">").append(Html.shown(findings.raw(), 2000)).append("</pre>\n");
        } else if (findings.items().isEmpty()) {
            body.append("<p>None stored.</p>\n");
        } else {
            body.append("<table class=\"findings\"><thead><tr><th>Reason</th><th>Part</th><th>File</th><th>Where</th>"
                + "<th>Why</th></tr></thead>\n<tbody>\n");
            for (Finding finding : findings.items()) {
                body.append("<tr><td class=\"code\">").append(Html.shown(finding.code(), 64)).append("</td><td>")
                    .append(finding.section().isEmpty() ? "whole message" : Html.shown(finding.section(), 20)).append("</td><td>")
                    .append(Html.shown(finding.filename(), 100)).append("</td><td>")
                    .append(Html.shown(finding.path(), 200)).append("</td><td>")
                    .append(Html.shown(finding.message(), 400)).append("</td></tr>\n");
            }
            body.append("</tbody></table>\n");
        }

        body.append("<h3>Headers</h3>\n<table class=\"headers\">\n");
        for (HeldMail.Header header : mail.headers()) {
            body.append("<tr><th>").append(Html.shown(header.name(), 60)).append("</th><td>")
                .append(Html.shown(header.value(), 300)).append("</td></tr>\n");
        }
        body.append("</table>\n<h3>Attributes</h3>\n<table class=\"attributes\">\n");
        for (Map.Entry<String, String> attribute : mail.attributes().entrySet()) {
            if (!attribute.getKey().equals(HeldMail.FINDINGS)) {
                body.append("<tr><th>").append(Html.shown(attribute.getKey(), 80)).append("</th><td>")
                    .append(Html.shown(attribute.getValue(), 300)).append("</td></tr>\n");
            }
        }
        body.append("</table>\n<p class=\"note\">The content of the message is never shown here. To examine it in an"
            + " isolated environment: <code>java -jar postino.jar quarantine export ")
            .append(Html.shown(mail.id(), 60)).append(" -o message.eml</code></p>\n");
        return page(Html.shown(mail.id(), 60), body.toString());
    }

    String confirm(HeldMail mail, Action action, String csrf) {
        StringBuilder body = new StringBuilder();
        body.append("<h2>").append(action.label).append(" ").append(Html.shown(mail.id(), 60)).append("?</h2>\n");
        body.append("<table class=\"facts\">\n");
        fact(body, "Envelope sender", mail.senderText());
        fact(body, "Recipients", String.join(", ", mail.recipients()));
        fact(body, "Subject", mail.subject());
        body.append("<tr><th>Reasons</th><td>").append(reasons(mail)).append("</td></tr>\n</table>\n");
        if (action == Action.RELEASE) {
            body.append("<p class=\"warning\">It leaves the quarantine and is delivered, attachments included, to every"
                + " recipient above (through the “release” processor, without a new inspection). Release only what you"
                + " have examined.</p>\n");
        } else {
            body.append("<p class=\"warning\">It is removed from the quarantine for good; nobody receives it.</p>\n");
        }
        body.append("<form method=\"post\" action=\"/mail/").append(Html.text(mail.id())).append("/").append(action.path)
            .append("\"><input type=\"hidden\" name=\"csrf\" value=\"").append(Html.text(csrf)).append("\">")
            .append("<button type=\"submit\" class=\"").append(action.path).append("\">").append(action.label)
            .append("</button> <a href=\"/mail/").append(Html.text(mail.id())).append("\">Cancel</a></form>\n");
        return page(action.label + " " + Html.shown(mail.id(), 60), body.toString());
    }

    String message(String title, String text) {
        return page(Html.text(title), "<p class=\"error\">" + Html.shown(text, 600) + "</p>\n<p><a href=\"/\">← All held mail</a></p>\n");
    }

    String login(boolean failed) {
        return page("Sign in", (failed ? "<p class=\"error\">That is not the access token.</p>\n" : "")
            + "<form method=\"post\" action=\"/login\"><label for=\"token\">Access token</label> "
            + "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"off\" autofocus> "
            + "<button type=\"submit\">Sign in</button></form>\n");
    }

    private String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>" + title + " · Postino</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n"
            + "<body><header><h1><a href=\"/\">Postino quarantine</a></h1><p class=\"where\">" + Html.text(where)
            + "</p></header>\n<main>\n" + body + "</main></body></html>\n";
    }

    private static void flash(StringBuilder body, Optional<String> flash) {
        flash.ifPresent(message -> body.append("<p class=\"flash\">").append(Html.shown(message, 400)).append("</p>\n"));
    }

    private static void fact(StringBuilder body, String label, String raw) {
        body.append("<tr><th>").append(label).append("</th><td>").append(Html.shown(raw, 300)).append("</td></tr>\n");
    }

    private static String idLink(String id) {
        if (!Quarantine.isKey(id)) {
            return Html.shown(id, 60);
        }
        return "<a href=\"/mail/" + Html.text(id) + "\">" + Html.text(id) + "</a>";
    }

    private static String reasons(HeldMail mail) {
        return Html.shown(String.join(", ", mail.reasons()), 200);
    }

    private static String urlEncode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
