package dev.postino.mailets;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.PostinoVersion;
import dev.postino.james.DsnNotify;
import dev.postino.james.MessageHeaders;
import dev.postino.parameters.ParameterValues;
import dev.postino.receipts.NotifyKeyword;
import dev.postino.receipts.ReceiptFreeNotify;
import dev.postino.receipts.ReceiptRequestHeaders;

/**
 * Removes receipt requests from a mail so that neither the recipients' clients nor the
 * remote servers send receipts back: deletes the request header fields and, with {@code dsn},
 * removes {@code SUCCESS} and {@code DELAY} from each recipient's SMTP DSN {@code NOTIFY}.
 *
 * <p>{@code FAILURE} is never removed, so senders still learn about failed deliveries; a
 * recipient whose NOTIFY held only {@code SUCCESS}/{@code DELAY} is left without NOTIFY, which
 * RFC 3461 §4.1 treats as "the MTA's default" ({@code FAILURE} or {@code FAILURE,DELAY}),
 * exactly what a sender who asked for nothing gets. Only the recipients of the mail it is
 * given are touched (pair it with {@code HasReceiptRequest=remote} to strip outbound copies
 * only). What was removed is recorded in the attributes
 * {@code postino.receipts.strippedHeaders} and {@code postino.receipts.strippedNotify} and in
 * one INFO log line with the Message-ID and the counts.
 *
 * <pre>{@code
 * <mailet match="dev.postino.matchers.HasReceiptRequest=remote" class="dev.postino.mailets.StripReceiptRequests">
 *   <!-- header fields to remove; default: -->
 *   <headers>Disposition-Notification-To, Return-Receipt-To, X-Confirm-Reading-To, Delivery-Receipt-To, Disposition-Notification-Options</headers>
 *   <!-- also remove SUCCESS and DELAY from DSN NOTIFY (never FAILURE); default: -->
 *   <dsn>true</dsn>
 * </mailet>
 * }</pre>
 * {@code dsn} is {@code true}, {@code false}, {@code yes} or {@code no}, as every Postino boolean
 * ({@link ParameterValues}).
 */
public class StripReceiptRequests extends GenericMailet {

    public static final String HEADERS = "headers";
    public static final String DSN = "dsn";
    public static final AttributeName STRIPPED_HEADERS = AttributeName.of("postino.receipts.strippedHeaders");
    public static final AttributeName STRIPPED_NOTIFY = AttributeName.of("postino.receipts.strippedNotify");

    private static final Logger LOGGER = LoggerFactory.getLogger(StripReceiptRequests.class);

    private final MetricFactory metrics;
    private List<String> headers;
    private boolean dsn;

    @Inject
    public StripReceiptRequests(MetricFactory metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(HEADERS, DSN));
        try {
            headers = getInitParameterAsOptional(HEADERS).map(StripReceiptRequests::headers)
                .orElse(ReceiptRequestHeaders.DEFAULT_STRIPPED);
            dsn = ParameterValues.bool(DSN, getInitParameter(DSN), true);
        } catch (IllegalArgumentException e) {
            throw new MessagingException("StripReceiptRequests: " + e.getMessage());
        }
        LOGGER.info("StripReceiptRequests {} started: removes header fields {}{}", PostinoVersion.current(), headers,
            dsn ? " and DSN NOTIFY SUCCESS/DELAY" : "; DSN NOTIFY left as is");
    }

    private static List<String> headers(String text) {
        try {
            return ReceiptRequestHeaders.parseList(text);
        } catch (IllegalArgumentException e) {
            throw ParameterValues.invalid(HEADERS, text, e.getMessage() + "; expected a list of header field names");
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String messageId = MessageHeaders.messageId(mail);
        List<String> removedHeaders = removeHeaders(mail);
        Map<MailAddress, Set<NotifyKeyword>> removedNotify = dsn ? rewriteNotify(mail) : Map.of();

        if (removedHeaders.isEmpty() && removedNotify.isEmpty()) {
            return;
        }
        if (!removedHeaders.isEmpty()) {
            mail.setAttribute(new Attribute(STRIPPED_HEADERS, AttributeValue.of(String.join(", ", removedHeaders))));
        }
        if (!removedNotify.isEmpty()) {
            mail.setAttribute(new Attribute(STRIPPED_NOTIFY, AttributeValue.of(describe(removedNotify))));
        }
        metrics.generate(MetricNames.RECEIPTS_STRIPPED).increment();
        metrics.generate(MetricNames.RECEIPTS_STRIPPED_HEADERS).add(removedHeaders.size());
        metrics.generate(MetricNames.RECEIPTS_STRIPPED_NOTIFY).add(removedNotify.size());
        LOGGER.info("Stripped receipt requests from {} (mail {}): {} header field(s) {}, DSN SUCCESS/DELAY removed for {} recipient(s) {}",
            messageId, mail.getName(), removedHeaders.size(), removedHeaders, removedNotify.size(), describe(removedNotify));
    }

    private List<String> removeHeaders(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        List<String> removed = new ArrayList<>();
        for (String name : headers) {
            String[] present = message.getHeader(name);
            if (present != null) {
                for (int i = 0; i < present.length; i++) {
                    removed.add(name);
                }
                message.removeHeader(name);
            }
        }
        // Headers James adds per recipient (e.g. by a previous mailet) would be re-added on delivery.
        List<MailAddress> withSpecific = List.copyOf(mail.getPerRecipientSpecificHeaders().getRecipientsWithSpecificHeaders());
        for (MailAddress recipient : withSpecific) {
            mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(recipient)
                .removeIf(header -> {
                    boolean strip = headers.stream().anyMatch(header.getName()::equalsIgnoreCase);
                    if (strip) {
                        removed.add(header.getName());
                    }
                    return strip;
                });
        }
        // No saveChanges(): removing a header field is complete by itself (James's MimeMessageWrapper
        // records the change and streams the untouched body), while saveChanges() would make a plain
        // MimeMessage parse its body and replace its Message-ID.
        return removed;
    }

    private static Map<MailAddress, Set<NotifyKeyword>> rewriteNotify(Mail mail) {
        Optional<DsnParameters> maybeParameters;
        try {
            maybeParameters = mail.dsnParameters();
        } catch (RuntimeException unreadable) {
            LOGGER.warn("Unreadable DSN parameters on mail {}, NOTIFY left as is: {}", mail.getName(), unreadable.toString());
            return Map.of();
        }
        if (maybeParameters.isEmpty()) {
            return Map.of();
        }
        DsnParameters parameters = maybeParameters.get();
        Map<MailAddress, DsnParameters.RecipientDsnParameters> rewritten = new LinkedHashMap<>();
        Map<MailAddress, Set<NotifyKeyword>> removed = new LinkedHashMap<>();
        parameters.getRcptParameters().forEach((recipient, recipientParameters) -> {
            Optional<EnumSet<DsnParameters.Notify>> notify = recipientParameters.getNotifyParameter();
            if (notify.isEmpty() || !mail.getRecipients().contains(recipient)) {
                rewritten.put(recipient, recipientParameters);
                return;
            }
            ReceiptFreeNotify.Rewrite rewrite = ReceiptFreeNotify.rewrite(DsnNotify.keywords(notify.get()));
            if (!rewrite.changed()) {
                rewritten.put(recipient, recipientParameters);
                return;
            }
            removed.put(recipient, rewrite.removed());
            DsnParameters.RecipientDsnParameters.of(rewrite.kept().map(DsnNotify::notify),
                    recipientParameters.getOrcptParameter())
                .ifPresent(kept -> rewritten.put(recipient, kept));
        });
        if (!removed.isEmpty()) {
            mail.setDsnParameters(parameters.withRcptParameters(rewritten));
        }
        return removed;
    }

    private static String describe(Map<MailAddress, Set<NotifyKeyword>> removed) {
        return removed.entrySet().stream()
            .map(entry -> entry.getKey().asString() + " " + EnumSet.copyOf(entry.getValue()).stream()
                .map(Enum::name).collect(Collectors.joining(",")))
            .collect(Collectors.joining("; "));
    }

    @Override
    public String getMailetInfo() {
        return "Postino StripReceiptRequests: removes receipt request headers and DSN NOTIFY=SUCCESS/DELAY";
    }
}
