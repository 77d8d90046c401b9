package org.apache.james.transport.mailets;

import jakarta.inject.Inject;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.DeliveryRecorder;

/**
 * Sandbox stand-in for James's {@code RemoteDelivery}, which sends to other mail servers: records a
 * {@link Delivery.Kind#REMOTE} delivery for every recipient (see {@link RecordingDelivery}).
 */
public class RemoteDelivery extends RecordingDelivery {
    @Inject
    public RemoteDelivery(DeliveryRecorder recorder) {
        super(recorder, Delivery.Kind.REMOTE);
    }
}
