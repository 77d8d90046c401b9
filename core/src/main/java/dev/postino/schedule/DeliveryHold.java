package dev.postino.schedule;

/**
 * Keeps a message away from its recipients until a {@link DelayDecision}'s due time, then lets it
 * continue. Kept apart from {@link DelayPolicy} because how to hold depends on the server: James's
 * mail queue honours enqueue delays on the memory, ActiveMQ/JPA and Pulsar queues, but its
 * RabbitMQ queue ignores them, and a hold for it (a mail repository released by a scheduler, for
 * instance) is a different mechanism for the same decision.
 *
 * @param <M> the message type of the server (James's {@code Mail})
 */
@FunctionalInterface
public interface DeliveryHold<M> {

    /**
     * Hands {@code message} over to be delivered at {@code decision.dueAt()}.
     *
     * @throws HoldFailedException if the message could not be held; the caller must then keep it
     *     (never drop it)
     */
    void hold(M message, DelayDecision decision) throws HoldFailedException;
}
