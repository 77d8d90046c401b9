package dev.postino.mailets;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;

import dev.postino.notices.Notice;
import dev.postino.quarantine.NoticeTemplates.Held;
import dev.postino.quarantine.QuarantinePlan.Mode;

/**
 * Sends the notices of one quarantine decision, as configured: to the local recipients of a
 * message held whole, to an SMTP-authenticated local sender, and to the postmaster. A notice that
 * cannot be sent is logged; the original is already safe, so it never sends the mail to error.
 */
final class QuarantineNotifier {

    private final MailetContext context;
    private final Clock clock;
    private final MetricFactory metrics;
    private final Logger logger;
    private final QuarantineAttachmentsConfiguration configuration;

    QuarantineNotifier(MailetContext context, Clock clock, MetricFactory metrics, Logger logger,
                       QuarantineAttachmentsConfiguration configuration) {
        this.context = context;
        this.clock = clock;
        this.metrics = metrics;
        this.logger = logger;
        this.configuration = configuration;
    }

    /** The postmaster as notices name it. */
    String postmasterAddress() {
        MailAddress postmaster = context.getPostmaster();
        return postmaster == null ? "postmaster" : postmaster.asString();
    }

    void notify(Mail mail, Held held, Mode action) {
        MailAddress postmaster = context.getPostmaster();
        if (configuration.notifyRecipients() && action == Mode.MESSAGE) {
            Notice notice = configuration.templates().recipientNotice(held, configuration.languages());
            for (MailAddress recipient : mail.getRecipients()) {
                if (context.isLocalEmail(recipient)) {
                    send(postmaster, recipient, notice, held);
                }
            }
        }
        if (configuration.notifySender()) {
            Optional<MailAddress> sender = notifiableSender(mail);
            if (sender.isPresent()) {
                send(postmaster, sender.get(), configuration.templates().senderNotice(held, configuration.languages()), held);
            } else {
                logger.info("QuarantineAttachments: sender of {} not notified: only SMTP-authenticated local senders are",
                    held.id());
            }
        }
        if (configuration.notifyPostmaster() && postmaster != null) {
            List<String> recipients = mail.getRecipients().stream().map(MailAddress::asString).toList();
            Notice notice = configuration.templates().postmasterNotice(held,
                action == Mode.MESSAGE ? "message quarantined" : "attachments stripped",
                configuration.repository().asString(), mail.getMaybeSender().asString(""), recipients);
            send(postmaster, postmaster, notice, held);
        }
    }

    /**
     * The envelope sender, only when the mail was submitted with SMTP AUTH as that same local user:
     * any other sender address may be forged, and a notice to it would be backscatter.
     */
    private Optional<MailAddress> notifiableSender(Mail mail) {
        if (!mail.hasSender()) {
            return Optional.empty();
        }
        MailAddress sender = mail.getMaybeSender().get();
        Optional<String> authUser = mail.getAttribute(Mail.SMTP_AUTH_USER)
            .map(attribute -> attribute.getValue().value())
            .filter(String.class::isInstance)
            .map(String.class::cast);
        boolean sameUser = authUser.filter(user -> user.equalsIgnoreCase(sender.asString())
            || user.equalsIgnoreCase(sender.getLocalPart())).isPresent();
        return sameUser && context.isLocalEmail(sender) ? Optional.of(sender) : Optional.empty();
    }

    private void send(MailAddress from, MailAddress to, Notice notice, Held held) {
        try {
            MimeMessage message = NoticeMessage.of(notice).from(from).to(to)
                .header(QuarantineAttachments.HEADER, held.id().value()).build(clock.instant());
            context.sendMail(from, List.of(to), message);
            metrics.generate(MetricNames.QUARANTINE_NOTICES).increment();
        } catch (MessagingException | RuntimeException failure) {
            // The original is already safe in the repository: a lost notice must not send it to error too.
            logger.warn("QuarantineAttachments: could not send the notice for {} to {}", held.id(), to, failure);
        }
    }
}
