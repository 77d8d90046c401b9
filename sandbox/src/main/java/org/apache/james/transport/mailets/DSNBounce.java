package org.apache.james.transport.mailets;

import jakarta.inject.Inject;

import dev.postino.sandbox.DeliveryRecorder;

/**
 * Sandbox stand-in for James's {@code DSNBounce}: in the sandbox a DSN and a plain bounce are
 * the same record, a {@code BOUNCE} notice to the envelope sender (see {@link Bounce}).
 */
public class DSNBounce extends Bounce {
    @Inject
    public DSNBounce(DeliveryRecorder recorder) {
        super(recorder);
    }

    @Override
    public String getMailetInfo() {
        return "Sandbox stand-in for DSNBounce";
    }
}
