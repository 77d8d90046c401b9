package dev.postino.mailets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

import dev.postino.notices.Notice;

/**
 * The message around every notice Postino sends (quarantine notices, the reprimand letter), built
 * one way: plain text in UTF-8, {@code Auto-Submitted: auto-generated} (RFC 3834: no vacation
 * responder or other robot answers it), the date the caller's clock gives, and a subject that
 * cannot break the header it is written in.
 *
 * <pre>{@code
 * MimeMessage message = NoticeMessage.of(notice).from(postmaster).to(recipient).build(clock.instant());
 * }</pre>
 */
final class NoticeMessage {

    private final Notice notice;
    private MailAddress from;
    private final List<MailAddress> to = new ArrayList<>();
    private final List<MailAddress> cc = new ArrayList<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private NoticeMessage(Notice notice) {
        this.notice = notice;
    }

    static NoticeMessage of(Notice notice) {
        return new NoticeMessage(notice);
    }

    /** The author; null leaves the message without From (James's postmaster may be unset at start). */
    NoticeMessage from(MailAddress address) {
        this.from = address;
        return this;
    }

    NoticeMessage to(MailAddress address) {
        to.add(address);
        return this;
    }

    NoticeMessage cc(List<MailAddress> addresses) {
        cc.addAll(addresses);
        return this;
    }

    /** A header of Postino's own, such as the quarantine id. */
    NoticeMessage header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    MimeMessage build(Instant date) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        if (from != null) {
            message.setFrom(internet(from));
        }
        message.setRecipients(Message.RecipientType.TO, addresses(to));
        if (!cc.isEmpty()) {
            message.setRecipients(Message.RecipientType.CC, addresses(cc));
        }
        message.setSubject(oneLine(notice.subject()), "UTF-8");
        message.setSentDate(Date.from(date));
        message.setHeader("Auto-Submitted", "auto-generated");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            message.setHeader(header.getKey(), oneLine(header.getValue()));
        }
        message.setText(notice.body(), "UTF-8");
        message.saveChanges();
        return message;
    }

    private static Address[] addresses(List<MailAddress> list) throws MessagingException {
        Address[] out = new Address[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = internet(list.get(i));
        }
        return out;
    }

    private static Address internet(MailAddress address) throws MessagingException {
        return address.toInternetAddress()
            .orElseThrow(() -> new MessagingException("not an internet address: " + address.asString()));
    }

    /** Every control character (CR and LF included) becomes a space: a header value is one line. */
    static String oneLine(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        return out.toString();
    }
}
