package dev.postino.mailets;

import java.io.ByteArrayInputStream;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;

/** An initialised InspectAttachments and mails to give it, shared by its tests. */
final class InspectAttachmentsFixtures {

    private InspectAttachmentsFixtures() {
    }

    /** InspectAttachments initialised with {@code name, value, name, value, …}. */
    static InspectAttachments mailet(String... parameters) throws MessagingException {
        return mailet(new RecordingMetricFactory(), parameters);
    }

    /** InspectAttachments initialised with {@code name, value, …}, counting in {@code metrics}. */
    static InspectAttachments mailet(RecordingMetricFactory metrics, String... parameters) throws MessagingException {
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("InspectAttachments");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        InspectAttachments mailet = new InspectAttachments(metrics);
        mailet.init(config.build());
        return mailet;
    }

    /** A mail to one local recipient, no sender, carrying the message {@code eml}. */
    static FakeMail mail(byte[] eml) throws Exception {
        return mailBuilder(eml).build();
    }

    /** The builder of {@link #mail(byte[])}, to add a sender or attributes. */
    static FakeMail.Builder mailBuilder(byte[] eml) throws Exception {
        return FakeMail.builder().name("m")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml)))
            .recipient(new MailAddress("anna.bianchi@acme.example"));
    }
}
