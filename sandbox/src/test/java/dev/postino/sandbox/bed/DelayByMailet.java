package dev.postino.sandbox.bed;

import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Test-only mailet: re-enqueues the mail into {@code processor} after {@code seconds}, then ghosts it. */
public class DelayByMailet extends GenericMailet {
    private String processor;
    private long seconds;

    @Override
    public void init() throws MessagingException {
        processor = getInitParameter("processor", "transport");
        seconds = Long.parseLong(getInitParameter("seconds", "600"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        getMailetContext().sendMail(mail.duplicate(), processor, seconds, TimeUnit.SECONDS);
        mail.setState(Mail.GHOST);
    }
}
