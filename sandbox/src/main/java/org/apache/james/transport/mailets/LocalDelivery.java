package org.apache.james.transport.mailets;

import jakarta.inject.Inject;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.DeliveryRecorder;

/**
 * Sandbox stand-in for James's {@code LocalDelivery}, which delivers to local mailboxes: records a
 * {@link Delivery.Kind#LOCAL} delivery for every recipient (see {@link RecordingDelivery}).
 */
public class LocalDelivery extends RecordingDelivery {
    @Inject
    public LocalDelivery(DeliveryRecorder recorder) {
        super(recorder, Delivery.Kind.LOCAL);
    }
}
