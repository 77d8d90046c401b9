package org.apache.james.transport.mailets;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.DeliveryRecorder;

/**
 * Sandbox stand-in for James's {@code Bounce} (and, through {@link DSNBounce}, {@code DSNBounce}):
 * records a {@link Delivery.Kind#BOUNCE} notice to the envelope sender (none for a null sender, as the real mailet), then ghosts the mail
 * unless {@code passThrough} is true (default {@code true}, as the real mailet). Other
 * parameters of the real mailet are accepted and ignored.
 */
public class Bounce extends GenericMailet {
    private final DeliveryRecorder recorder;
    private boolean passThrough;

    @Inject
    public Bounce(DeliveryRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void init() throws MessagingException {
        passThrough = getInitParameter("passThrough", true);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getMaybeSender().asOptional().isPresent()) {
            recorder.record(Delivery.Kind.BOUNCE, mail, List.of(mail.getMaybeSender().get()));
        }
        if (!passThrough) {
            mail.setState(Mail.GHOST);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Sandbox stand-in for Bounce";
    }
}
