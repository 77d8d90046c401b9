package org.apache.james.queue.memory;

import dev.postino.sandbox.SandboxClock;
import dev.postino.sandbox.SandboxMailQueueFactory;

/**
 * Sandbox stand-in with the name of James's memory mail queue factory ({@code james-server-queue-memory}
 * is not published at 3.9.0): delays are honoured, as on James's memory server.
 */
public final class MemoryMailQueueFactory extends SandboxMailQueueFactory {
    public MemoryMailQueueFactory(SandboxClock clock) {
        super(clock, false);
    }
}
