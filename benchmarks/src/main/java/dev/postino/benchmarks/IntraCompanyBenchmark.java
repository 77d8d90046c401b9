package dev.postino.benchmarks;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.matchers.HostIs;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.postino.delay.AddressKey;
import dev.postino.delay.Company;
import dev.postino.delay.DelayPolicy;
import dev.postino.delay.RecipientCounter;
import dev.postino.delay.RecipientCounts;
import dev.postino.matchers.IsIntraCompany;

/**
 * IsIntraCompany against James's HostIs on the same envelope (both envelope-only), and the cost
 * of what ProductivityDelay adds per intra-company mail: counting To/Cc/Bcc colleagues from the
 * headers and computing the decision.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IntraCompanyBenchmark {

    private IsIntraCompany isIntraCompany;
    private HostIs hostIs;
    private Mail mail;
    private RecipientCounter counter;
    private DelayPolicy policy;
    private List<String> toCc;
    private List<AddressKey> envelope;
    private Random random;
    private Instant tuesday;

    @Setup
    public void setUp() throws Exception {
        FakeMailContext context = FakeMailContext.defaultContext();
        isIntraCompany = new IsIntraCompany();
        isIntraCompany.init(FakeMatcherConfig.builder().matcherName("IsIntraCompany").condition("acme.example").mailetContext(context).build());
        hostIs = new HostIs();
        hostIs.init(FakeMatcherConfig.builder().matcherName("HostIs").condition("acme.example").mailetContext(context).build());
        mail = FakeMail.builder().name("m").sender("mario.rossi@acme.example")
            .recipients("anna.bianchi@acme.example", "luca.verdi@acme.example", "giulia.neri@acme.example", "client@example.com")
            .build();
        counter = new RecipientCounter(Company.ofDomains("domains", "acme.example"));
        policy = DelayPolicy.builder().build();
        toCc = List.of("Anna Bianchi <anna.bianchi@acme.example>, Cliente <client@example.com>", "Luca Verdi <luca.verdi@acme.example>");
        envelope = mail.getRecipients().stream().map(a -> new AddressKey(a.getLocalPart(), a.getDomain().asString())).toList();
        random = new Random(1);
        tuesday = Instant.parse("2026-12-01T09:00:00Z");
    }

    @Benchmark
    public Collection<MailAddress> isIntraCompany() {
        return isIntraCompany.match(mail);
    }

    @Benchmark
    public Collection<MailAddress> jamesHostIs() throws jakarta.mail.MessagingException {
        return hostIs.match(mail);
    }

    @Benchmark
    public Object countAndDecide() {
        RecipientCounts counts = counter.count(toCc, envelope);
        return policy.decide(tuesday, counts, random);
    }
}
