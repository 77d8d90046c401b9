package org.apache.james.transport.mailets;

import java.util.List;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.DeliveryRecorder;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

/**
 * Sandbox stand-in for James's {@code LocalDelivery}, which delivers to local mailboxes: records a
 * {@link Delivery.Kind#LOCAL} delivery for every recipient of the mail, then ghosts it, as the
 * real mailet does once the mail is handed on. Parameters of the real mailet are accepted and
 * ignored.
 */
public class LocalDelivery extends GenericMailet {
    private final DeliveryRecorder recorder;

    @Inject
    public LocalDelivery(DeliveryRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        recorder.record(Delivery.Kind.LOCAL, mail, List.copyOf(mail.getRecipients()));
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Sandbox stand-in for LocalDelivery";
    }
}
