package org.apache.james.transport.mailets;

import java.util.List;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.DeliveryRecorder;

/**
 * What the delivery stand-ins share: record a delivery of the given kind for every recipient of
 * the mail, then ghost it, as James's delivery mailets do once the mail is handed on.
 * Parameters of the real mailets are accepted and ignored.
 */
abstract class RecordingDelivery extends GenericMailet {
    private final DeliveryRecorder recorder;
    private final Delivery.Kind kind;

    RecordingDelivery(DeliveryRecorder recorder, Delivery.Kind kind) {
        this.recorder = recorder;
        this.kind = kind;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        recorder.record(kind, mail, List.copyOf(mail.getRecipients()));
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Sandbox stand-in for " + getClass().getSimpleName();
    }
}
