package dev.postino.mailets;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;

import dev.postino.delay.AddressKey;
import dev.postino.delay.DelayDecision;
import dev.postino.delay.ReprimandTemplate;
import dev.postino.notices.Notice;
import dev.postino.subject.SubjectDecoder;

/**
 * Sends the letter of reprimand to an employee who wrote to colleagues from a listed personal
 * account: to the employee's company address, copied to {@code reprimandCc}, never to the personal
 * address. A letter that cannot be sent is logged and counted; it never bounces the mail.
 */
final class ReprimandNotifier {

    private final MailetContext context;
    private final Clock clock;
    private final MetricFactory metrics;
    private final Logger logger;
    private final Optional<MailAddress> from;
    private final List<MailAddress> cc;
    private final ReprimandTemplate template;

    /** @param from empty: the postmaster, asked for each letter (James sets it only after the mailets start) */
    ReprimandNotifier(MailetContext context, Clock clock, MetricFactory metrics, Logger logger,
                      Optional<MailAddress> from, List<MailAddress> cc, ReprimandTemplate template) {
        this.context = context;
        this.clock = clock;
        this.metrics = metrics;
        this.logger = logger;
        this.from = from;
        this.cc = List.copyOf(cc);
        this.template = template;
    }

    /** @param colleagues how many company recipients other than the employee the message reached */
    void send(Mail mail, AddressKey personal, AddressKey employee, DelayDecision decision, int colleagues) {
        try {
            Notice letter = template.render(decision.receivedAt(), subjectOf(mail.getMessage()),
                colleagues, personal, employee);
            MailAddress to = new MailAddress(employee.toString());
            Set<MailAddress> recipients = new LinkedHashSet<>();
            recipients.add(to);
            recipients.addAll(cc);
            // Whatever the configuration says, the letter never goes to the personal address.
            recipients.removeIf(r -> ProductivityDelay.key(r).equals(personal));

            MailAddress sender = from.orElseGet(context::getPostmaster);
            if (sender == null) {
                throw new MessagingException("no reprimandFrom and no postmaster to sign the letter");
            }
            List<MailAddress> copies = recipients.stream().filter(r -> !r.equals(to)).toList();
            MimeMessage message = NoticeMessage.of(letter).from(sender).to(to).cc(copies).build(clock.instant());
            context.sendMail(sender, recipients, message);
            mail.setAttribute(new Attribute(ProductivityDelay.REPRIMAND, AttributeValue.of(to.asString())));
            metrics.generate(MetricNames.DELAY_REPRIMANDS).increment();
            logger.info("{}: {} wrote to {} colleague(s) from personal account {}; reprimand letter sent to {}",
                mail.getName(), employee, colleagues, personal, recipients);
        } catch (MessagingException | RuntimeException e) {
            // The delay is done; a letter that cannot be sent must not bounce the mail.
            metrics.generate(MetricNames.DELAY_REPRIMAND_FAILURES).increment();
            logger.error("{}: could not send the reprimand letter to {}", mail.getName(), employee, e);
        }
    }

    /** The offending message's subject, decoded the one lenient way every Postino feature decodes it. */
    static String subjectOf(MimeMessage message) throws MessagingException {
        return SubjectDecoder.decode(message.getHeader("Subject", null)).text();
    }
}
