package dev.postino.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;

/**
 * One {@link SandboxMailQueue} per name, so the mailet context and the bed share the spool. The bed
 * uses the subclasses that carry the names of James's own factories, because Postino recognises a
 * queue implementation by its class: {@code org.apache.james.queue.memory.MemoryMailQueueFactory}
 * (delays honoured) and {@code org.apache.james.queue.rabbitmq.RabbitMQMailQueueFactory} (delays
 * ignored, as on James's distributed server).
 */
public class SandboxMailQueueFactory implements MailQueueFactory<SandboxMailQueue> {
    private final SandboxClock clock;
    private final boolean ignoresDelays;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<MailQueueName, SandboxMailQueue> queues = new ConcurrentHashMap<>();

    protected SandboxMailQueueFactory(SandboxClock clock, boolean ignoresDelays) {
        this.clock = clock;
        this.ignoresDelays = ignoresDelays;
    }

    @Override
    public Optional<SandboxMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public SandboxMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, n -> new SandboxMailQueue(n, clock, sequence, ignoresDelays));
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return Set.copyOf(queues.keySet());
    }

    public SandboxMailQueue spool() {
        return createQueue(SPOOL);
    }
}
