package org.apache.james.queue.rabbitmq;

import dev.postino.sandbox.SandboxClock;
import dev.postino.sandbox.SandboxMailQueueFactory;

/**
 * Sandbox stand-in with the name of the mail queue factory of James's distributed server: like
 * {@code RabbitMQMailQueue}, its queues ignore enqueue delays (logged, and the mail is due at once).
 */
public final class RabbitMQMailQueueFactory extends SandboxMailQueueFactory {
    public RabbitMQMailQueueFactory(SandboxClock clock) {
        super(clock, true);
    }
}
