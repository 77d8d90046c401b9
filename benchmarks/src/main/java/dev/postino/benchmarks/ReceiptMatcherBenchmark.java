package dev.postino.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailetcontainer.impl.matchers.And;
import org.apache.james.transport.matchers.HasMimeType;
import org.apache.james.transport.matchers.HasMimeTypeParameter;
import org.apache.mailet.Mail;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.postino.matchers.HasReceiptRequest;
import dev.postino.matchers.IsReadReceipt;
import dev.postino.matchers.LooksLikeReadReceipt;

/**
 * Cost per mail of Postino's receipt matchers against James's own way of spotting a read receipt,
 * {@code And(HasMimeType=multipart/report, HasMimeTypeParameter=report-type=disposition-notification)},
 * on the same parsed message in the same JVM. Run: {@code ./postino bench ReceiptMatcher -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ReceiptMatcherBenchmark {

    /** mdn = a Thunderbird read receipt; dsn = a Postfix bounce; plain = an ordinary text message. */
    @Param({"mdn", "dsn", "plain"})
    public String message;

    private Mail mail;
    private Matcher jamesAnd;
    private Matcher isReadReceipt;
    private Matcher isReadReceiptRemote;
    private Matcher looksLikeReadReceipt;
    private Matcher hasReceiptRequest;

    private static final String MDN = """
        Message-ID: <8f2c1a7e-3b4d-4e55-9a10-2c6f1d0e7b42@acme.example>
        Date: Tue, 1 Dec 2026 10:00:12 +0100
        MIME-Version: 1.0
        User-Agent: Mozilla Thunderbird
        From: Mario Rossi <mario.rossi@acme.example>
        To: Client Contact <client@example.com>
        Subject: Return Receipt (displayed) - Offerta 2027
        Content-Type: multipart/report; report-type=disposition-notification;
         boundary="------------4HvM2Z8Jq3mT0NwxrRkqYb1c"

        --------------4HvM2Z8Jq3mT0NwxrRkqYb1c
        Content-Type: text/plain; charset=UTF-8

        This is a Return Receipt.
        --------------4HvM2Z8Jq3mT0NwxrRkqYb1c
        Content-Type: message/disposition-notification

        Final-Recipient: rfc822;mario.rossi@acme.example
        Disposition: manual-action/MDN-sent-manually; displayed
        --------------4HvM2Z8Jq3mT0NwxrRkqYb1c--
        """;

    private static final String DSN = """
        Return-Path: <>
        Date: Tue,  1 Dec 2026 10:20:31 +0100 (CET)
        From: MAILER-DAEMON@mx.acme.example (Mail Delivery System)
        Subject: Undelivered Mail Returned to Sender
        To: mario.rossi@acme.example
        Auto-Submitted: auto-replied
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status;
        \tboundary="4Zq1Fh3xYkz9sTm.1764580831/mx.acme.example"
        Message-Id: <20261201092031.4Zq1Fh3xYkz9sTm@mx.acme.example>

        --4Zq1Fh3xYkz9sTm.1764580831/mx.acme.example
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.acme.example

        Final-Recipient: rfc822; nobody@example.com
        Action: failed
        Status: 5.1.1
        --4Zq1Fh3xYkz9sTm.1764580831/mx.acme.example--
        """;

    private static final String PLAIN = """
        From: Mario Rossi <mario.rossi@acme.example>
        To: client@example.com
        Subject: Preventivo
        Date: Tue, 1 Dec 2026 10:42:00 +0100
        Message-ID: <plain-1@acme.example>
        MIME-Version: 1.0
        Content-Type: text/plain; charset=utf-8

        Ciao.
        """;

    @Setup
    public void setUp() throws Exception {
        String text = switch (message) {
            case "mdn" -> MDN;
            case "dsn" -> DSN;
            default -> PLAIN;
        };
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        mail = FakeMail.builder().name("bench").sender("mario.rossi@acme.example")
            .recipients(new MailAddress("client@example.com"), new MailAddress("anna.bianchi@acme.example"))
            .mimeMessage(mime).build();

        FakeMailContext context = FakeMailContext.defaultContext();
        And and = new And();
        and.init(FakeMatcherConfig.builder().matcherName("And").mailetContext(context).build());
        and.add(init(new HasMimeType(), "HasMimeType", "multipart/report", context));
        and.add(init(new HasMimeTypeParameter(), "HasMimeTypeParameter", "report-type=disposition-notification", context));
        jamesAnd = and;
        isReadReceipt = init(new IsReadReceipt(), "IsReadReceipt", "", context);
        isReadReceiptRemote = init(new IsReadReceipt(), "IsReadReceipt", "remote", context);
        looksLikeReadReceipt = init(new LooksLikeReadReceipt(), "LooksLikeReadReceipt", "", context);
        hasReceiptRequest = init(new HasReceiptRequest(), "HasReceiptRequest", "", context);
    }

    private static Matcher init(Matcher matcher, String name, String condition, FakeMailContext context) throws MessagingException {
        matcher.init(FakeMatcherConfig.builder().matcherName(name).condition(condition).mailetContext(context).build());
        return matcher;
    }

    @Benchmark
    public Collection<MailAddress> jamesAndHasMimeTypeHasMimeTypeParameter() throws MessagingException {
        return jamesAnd.match(mail);
    }

    @Benchmark
    public Collection<MailAddress> postinoIsReadReceipt() throws MessagingException {
        return isReadReceipt.match(mail);
    }

    @Benchmark
    public Collection<MailAddress> postinoIsReadReceiptRemote() throws MessagingException {
        return isReadReceiptRemote.match(mail);
    }

    @Benchmark
    public Collection<MailAddress> postinoLooksLikeReadReceipt() throws MessagingException {
        return looksLikeReadReceipt.match(mail);
    }

    @Benchmark
    public Collection<MailAddress> postinoHasReceiptRequest() throws MessagingException {
        return hasReceiptRequest.match(mail);
    }
}
