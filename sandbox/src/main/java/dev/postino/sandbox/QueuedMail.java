package dev.postino.sandbox;

import java.time.Duration;
import java.time.Instant;

import org.apache.mailet.Mail;

/**
 * One enqueue into a sandbox queue: a private copy of the mail as it was when enqueued, the
 * processor (state) it will start in, the delay asked for and when it becomes due.
 */
public record QueuedMail(long sequence, String queue, Mail mail, String state, Duration delay,
                         Instant enqueuedAt, Instant dueAt) {

    /** True when a mailet (not the SMTP server) put this mail into the queue. */
    public boolean sentByMailet() {
        return mail.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName()).isPresent();
    }

    public boolean delayed() {
        return delay.isPositive();
    }
}
