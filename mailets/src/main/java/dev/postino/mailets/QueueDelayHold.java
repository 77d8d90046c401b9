package dev.postino.mailets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;

import dev.postino.delay.DeliveryHold;
import dev.postino.delay.HoldFailedException;

/**
 * Holds a message in James's spool queue: {@code MailetContext.sendMail(mail, processor, delay,
 * unit)}. Honoured by the memory, ActiveMQ/JPA and Pulsar mail queues; James's RabbitMQ queue
 * (the distributed server's) ignores the delay, which is why {@link HoldMechanism} never chooses
 * this hold there.
 *
 * <p>James's {@code sendMail} changes the mail it is given (state, attributes) and the queue
 * keeps a copy of its own: pass a copy, never the mail being processed, and dispose it after.
 */
final class QueueDelayHold implements DeliveryHold<Mail> {

    private final MailetContext context;
    private final String processor;
    private final Clock clock;

    QueueDelayHold(MailetContext context, String processor, Clock clock) {
        this.context = context;
        this.processor = processor;
        this.clock = clock;
    }

    @Override
    public void hold(Mail copy, Instant dueAt) throws HoldFailedException {
        long millis = Math.max(0, Duration.between(clock.instant(), dueAt).toMillis());
        try {
            context.sendMail(copy, processor, millis, TimeUnit.MILLISECONDS);
        } catch (MessagingException | RuntimeException e) {
            throw new HoldFailedException("could not enqueue " + copy.getName() + " into " + processor, e);
        }
    }

    @Override
    public String toString() {
        return "James's mail queue (a delayed enqueue into " + processor + ")";
    }
}
