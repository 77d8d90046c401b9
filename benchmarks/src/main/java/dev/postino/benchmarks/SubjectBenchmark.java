package dev.postino.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.transport.mailets.AddSubjectPrefix;
import org.apache.james.transport.matchers.SubjectStartsWith;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.postino.mailets.TruncateSubject;
import dev.postino.matchers.SubjectLongerThan;
import dev.postino.sandbox.JamesTestBed;

/**
 * Subject truncation against James's own Subject matcher and mailet, on the same mails:
 * {@code SubjectLongerThan} vs {@code SubjectStartsWith} (both read and decode the Subject), and
 * {@code TruncateSubject} vs {@code AddSubjectPrefix} (both rewrite it). Mails: a short Subject
 * (sample 23) and the seed's 3501-byte spam, plain (sample 20) and Base64 (sample 21).
 *
 * <p>Mailets change the message, so each mailet call gets a freshly parsed copy, prepared outside
 * the measured time. Sample mode, so the median (p0.50) is available: it resists the noise of a
 * loaded machine better than the mean. Run: {@code ./postino bench Subject -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SubjectBenchmark {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Param({"23-short-subject-untouched", "20-spam-subject-3501-bytes", "21-spam-subject-base64"})
    public String sample;

    private byte[] eml;
    private Mail mail;
    private SubjectLongerThan subjectLongerThan;
    private SubjectLongerThan subjectLongerThanBytes;
    private SubjectStartsWith subjectStartsWith;
    private TruncateSubject truncateSubject;
    private AddSubjectPrefix addSubjectPrefix;

    @Setup(Level.Trial)
    public void setUp() throws IOException, MessagingException {
        eml = Files.readAllBytes(JamesTestBed.projectFile("samples/" + sample + ".eml"));
        mail = parse();
        subjectLongerThan = new SubjectLongerThan();
        subjectLongerThan.init(FakeMatcherConfig.builder().matcherName("SubjectLongerThan").condition("200").build());
        subjectLongerThanBytes = new SubjectLongerThan();
        subjectLongerThanBytes.init(FakeMatcherConfig.builder().matcherName("SubjectLongerThan").condition("998 bytes").build());
        subjectStartsWith = new SubjectStartsWith();
        subjectStartsWith.init(FakeMatcherConfig.builder().matcherName("SubjectStartsWith").condition("[SPAM]").build());
        truncateSubject = new TruncateSubject(new RecordingMetricFactory());
        truncateSubject.init(FakeMailetConfig.builder().mailetName("TruncateSubject").build());
        addSubjectPrefix = new AddSubjectPrefix();
        addSubjectPrefix.init(FakeMailetConfig.builder().mailetName("AddSubjectPrefix")
            .setProperty("subjectPrefix", "[SPAM]").build());
    }

    private Mail parse() throws MessagingException {
        return parse(eml);
    }

    static Mail parse(byte[] eml) throws MessagingException {
        return FakeMail.builder().name("bench").recipient("anna.bianchi@acme.example")
            .mimeMessage(new MimeMessage(SESSION, new ByteArrayInputStream(eml))).build();
    }

    /**
     * A freshly parsed copy for each mailet call, made outside the measured time. A state of its
     * own, so the matcher benchmarks do not pay for per-invocation setup.
     */
    @State(Scope.Thread)
    public static class FreshMail {
        Mail mail;

        @Setup(Level.Invocation)
        public void parseAgain(SubjectBenchmark benchmark) throws MessagingException {
            mail = parse(benchmark.eml);
        }
    }

    @Benchmark
    public Collection<MailAddress> matcherPostinoSubjectLongerThanCharacters() throws MessagingException {
        return subjectLongerThan.match(mail);
    }

    @Benchmark
    public Collection<MailAddress> matcherPostinoSubjectLongerThanBytes() throws MessagingException {
        return subjectLongerThanBytes.match(mail);
    }

    @Benchmark
    public Collection<MailAddress> matcherJamesSubjectStartsWith() throws MessagingException {
        return subjectStartsWith.match(mail);
    }

    @Benchmark
    public Mail mailetPostinoTruncateSubject(FreshMail fresh) throws MessagingException {
        truncateSubject.service(fresh.mail);
        return fresh.mail;
    }

    @Benchmark
    public Mail mailetJamesAddSubjectPrefix(FreshMail fresh) throws MessagingException {
        addSubjectPrefix.service(fresh.mail);
        return fresh.mail;
    }
}
