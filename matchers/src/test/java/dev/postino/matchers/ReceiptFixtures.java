package dev.postino.matchers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;

import dev.postino.testing.ReceiptMails;

/** The receipt messages of test-support (ReceiptMails) and a mailet context where acme.example is local. */
public final class ReceiptFixtures {

    public static final String LOCAL_DOMAIN = "acme.example";

    private ReceiptFixtures() {
    }

    /** The message's headers only; its body throws when touched. */
    public static HeaderOnlyMessage headersOnly(String file) throws MessagingException {
        try (InputStream in = ReceiptMails.open(file)) {
            return HeaderOnlyMessage.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole message, for mailets that change it. */
    public static MimeMessage full(String file) throws MessagingException {
        return ReceiptMails.message(file);
    }

    /** A FakeMailContext where every address @acme.example is a local user. */
    public static MailetContext acmeContext() {
        // A proxy rather than a Mockito spy: inline mocking of FakeMailContext fails on JDK 25.
        FakeMailContext fake = FakeMailContext.defaultContext();
        return (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(),
            new Class<?>[] {MailetContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("isLocalEmail")) {
                    return ((MailAddress) args[0]).getDomain().asString().equals(LOCAL_DOMAIN);
                }
                try {
                    return method.invoke(fake, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    public static FakeMatcherConfig matcherConfig(String name, String condition) {
        return FakeMatcherConfig.builder()
            .matcherName(name)
            .condition(condition)
            .mailetContext(acmeContext())
            .build();
    }
}
