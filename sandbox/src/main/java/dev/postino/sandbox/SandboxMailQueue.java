package dev.postino.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An in-memory {@link MailQueue} with honest delays, for the sandbox only
 * ({@code james-server-queue-memory} is not published for James 3.9.0).
 *
 * <p>Like James's real queues it keeps its own copy of every mail (the container ghosts and
 * disposes the original right after {@code sendMail}), and an item is due when the sandbox
 * clock reaches enqueue time + delay. Items leave in due-time order, ties in enqueue order.
 * The sandbox drives the queue synchronously through {@link #pollDue()} instead of James's
 * reactive spooler, so a test decides exactly when time passes.
 *
 * <p>A queue made to ignore delays behaves as James's {@code RabbitMQMailQueue}: it logs "Ignored
 * delay upon enqueue" and the mail is due at once.
 */
public final class SandboxMailQueue implements MailQueue {
    private static final Comparator<QueuedMail> DUE_ORDER =
        Comparator.comparing(QueuedMail::dueAt).thenComparingLong(QueuedMail::sequence);

    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(SandboxMailQueue.class);

    private final MailQueueName name;
    private final SandboxClock clock;
    private final boolean ignoresDelays;
    private final AtomicLong sequence;
    private final PriorityQueue<QueuedMail> pending = new PriorityQueue<>(DUE_ORDER);
    private final List<QueuedMail> history = new ArrayList<>();

    SandboxMailQueue(MailQueueName name, SandboxClock clock, AtomicLong sequence, boolean ignoresDelays) {
        this.name = name;
        this.clock = clock;
        this.ignoresDelays = ignoresDelays;
        this.sequence = sequence;
    }

    @Override
    public MailQueueName getName() {
        return name;
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        enQueue(mail, Duration.ZERO);
    }

    @Override
    public synchronized void enQueue(Mail mail, Duration delay) throws MailQueueException {
        Duration effective = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        if (ignoresDelays && effective.isPositive()) {
            LOGGER.info("Ignored delay upon enqueue of {} : {}.", mail.getName(), effective);
            effective = Duration.ZERO;
        }
        Mail copy;
        try {
            copy = MailImpl.duplicate(mail);
        } catch (MessagingException e) {
            throw new MailQueueException("Cannot copy mail " + mail.getName() + " into queue " + name.asString(), e);
        }
        QueuedMail item = new QueuedMail(sequence.incrementAndGet(), name.asString(), copy, mail.getState(),
            effective, clock.instant(), clock.instant().plus(effective));
        pending.add(item);
        history.add(item);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Mono.fromRunnable(() -> {
            try {
                enQueue(mail);
            } catch (MailQueueException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Not used: the sandbox takes due items with {@link #pollDue()} on its own thread, so that
     * no background spooler races the test's clock.
     */
    @Override
    public Publisher<MailQueueItem> deQueue() {
        return Flux.never();
    }

    /** Removes and returns the earliest item whose due time has come, if any. */
    public synchronized Optional<QueuedMail> pollDue() {
        QueuedMail head = pending.peek();
        if (head == null || !ignoresDelays && head.dueAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(pending.poll());
    }

    /** Items not yet processed, in due order. */
    public synchronized List<QueuedMail> pending() {
        return pending.stream().sorted(DUE_ORDER).toList();
    }

    /** Every enqueue since the bed started, in enqueue order (processed or not). */
    public synchronized List<QueuedMail> history() {
        return List.copyOf(history);
    }

    @Override
    public void close() {
        // nothing to release: the bed disposes the queued copies
    }
}
