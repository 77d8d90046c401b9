package dev.postino.delay;

import java.time.Instant;

/**
 * Keeps a message away from its recipients until its due time, then lets it continue. Kept apart
 * from {@link DelayPolicy} because how to hold depends on the server: James's mail queue honours
 * enqueue delays on the memory, ActiveMQ/JPA and Pulsar queues, but its RabbitMQ queue ignores
 * them, and there the message waits in a mail repository ({@link HoldBucket}) that a scheduled job
 * releases: a different mechanism for the same decision.
 *
 * @param <M> the message type of the server (James's {@code Mail})
 */
@FunctionalInterface
public interface DeliveryHold<M> {

    /**
     * Hands {@code message} over to be delivered at {@code dueAt}.
     *
     * @throws HoldFailedException if the message could not be held; the caller must then keep it
     *     (never drop it)
     */
    void hold(M message, Instant dueAt) throws HoldFailedException;
}
