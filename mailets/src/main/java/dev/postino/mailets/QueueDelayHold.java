package dev.postino.mailets;

import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;

import dev.postino.schedule.DelayDecision;
import dev.postino.schedule.DeliveryHold;
import dev.postino.schedule.HoldFailedException;

/**
 * Holds a message in James's spool queue: {@code MailetContext.sendMail(mail, processor, delay,
 * unit)}. Honoured by the memory, ActiveMQ/JPA and Pulsar mail queues; <strong>James's RabbitMQ
 * queue (the distributed server's default) ignores the delay and releases the message at
 * once.</strong>
 *
 * <p>James's {@code sendMail} changes the mail it is given (state, attributes) and the queue
 * takes it over: pass a copy, never the mail being processed.
 */
final class QueueDelayHold implements DeliveryHold<Mail> {

    private final MailetContext context;
    private final String processor;

    QueueDelayHold(MailetContext context, String processor) {
        this.context = context;
        this.processor = processor;
    }

    @Override
    public void hold(Mail copy, DelayDecision decision) throws HoldFailedException {
        long millis = Math.max(0, decision.delay().toMillis());
        try {
            context.sendMail(copy, processor, millis, TimeUnit.MILLISECONDS);
        } catch (MessagingException | RuntimeException e) {
            throw new HoldFailedException("could not enqueue " + copy.getName() + " into " + processor, e);
        }
    }
}
