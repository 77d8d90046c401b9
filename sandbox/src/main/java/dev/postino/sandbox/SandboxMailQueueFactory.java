package dev.postino.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;

/** One {@link SandboxMailQueue} per name, so the mailet context and the bed share the spool. */
public final class SandboxMailQueueFactory implements MailQueueFactory<SandboxMailQueue> {
    private final SandboxClock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<MailQueueName, SandboxMailQueue> queues = new ConcurrentHashMap<>();

    public SandboxMailQueueFactory(SandboxClock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<SandboxMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public SandboxMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, n -> new SandboxMailQueue(n, clock, sequence));
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return Set.copyOf(queues.keySet());
    }

    public SandboxMailQueue spool() {
        return createQueue(SPOOL);
    }
}
