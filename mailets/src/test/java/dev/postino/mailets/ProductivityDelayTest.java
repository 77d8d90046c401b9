package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.postino.PostinoVersion;

class ProductivityDelayTest {

    private static final String TUESDAY_10 = "2026-12-01T10:00+01:00[Europe/Rome]";
    private static final String MESSAGE = """
        From: Mario Rossi <mario.rossi@acme.example>
        To: Anna Bianchi <anna.bianchi@acme.example>, client@example.com
        Cc: luca.verdi@acme.example
        Subject: Riunione di domani
        Message-ID: <riunione-1@acme.example>
        Date: Tue, 01 Dec 2026 10:00:00 +0100

        Ci vediamo alle 11.
        """.replace("\n", "\r\n");

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    @RegisterExtension
    final LogCapture logs = LogCapture.of(ProductivityDelay.class);
    private final InMemoryRepositoryStore repositories = new InMemoryRepositoryStore();
    /** A queue implementation HoldMechanism does not know: without holdRepository, the queue hold. */
    private final MailQueueFactory<?> queues = org.mockito.Mockito.mock(MailQueueFactory.class);
    private final FakeMailContext context = FakeMailContext.builder()
        .postmaster(address("postmaster@acme.example")).build();

    private static MailAddress address(String a) {
        try {
            return new MailAddress(a);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Clock at(String zoned) {
        return Clock.fixed(ZonedDateTime.parse(zoned).toInstant(), java.time.ZoneOffset.UTC);
    }

    private ProductivityDelay mailet(String when, String... parameters) throws MessagingException {
        ProductivityDelay mailet = new ProductivityDelay(at(when), metrics, repositories, queues);
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("ProductivityDelay").mailetContext(context)
            .setProperty("domains", "acme.example").setProperty("seed", "42");
        for (int i = 0; i < parameters.length; i += 2) {
            config.setProperty(parameters[i], parameters[i + 1]);
        }
        mailet.init(config.build());
        return mailet;
    }

    private static MimeMessage message(String text) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mail mail(String sender, String... recipients) throws MessagingException {
        return FakeMail.builder().name("mail1").sender(sender).recipients(recipients).mimeMessage(message(MESSAGE)).state("transport").build();
    }

    private Mail intraCompanyMail() throws MessagingException {
        return mail("mario.rossi@acme.example",
            "anna.bianchi@acme.example", "luca.verdi@acme.example", "giulia.neri@acme.example", "client@example.com");
    }

    @Test
    void theCompanyRecipientsAreReEnqueuedWithTheDelayIntoTheProcessor() throws Exception {
        mailet(TUESDAY_10).service(intraCompanyMail());

        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail copy = context.getSentMails().getFirst();
        assertThat(copy.getRecipients()).containsExactlyInAnyOrder(
            address("anna.bianchi@acme.example"), address("luca.verdi@acme.example"), address("giulia.neri@acme.example"));
        assertThat(copy.getState()).isEqualTo("transport");
        long seconds = (Long) copy.getAttributes().get(ProductivityDelay.SECONDS).getValue().value();
        assertThat(copy.getDelay()).contains(new FakeMailContext.Delay(seconds * 1000, TimeUnit.MILLISECONDS));
        // base 400-800, one extra To/Cc colleague 40-80, one Bcc colleague 300-600
        assertThat(seconds).isBetween(740L, 1480L);
    }

    @Test
    void theExternalRecipientsContinueAtOnce() throws Exception {
        Mail mail = intraCompanyMail();
        mailet(TUESDAY_10).service(mail);
        assertThat(mail.getRecipients()).containsExactly(address("client@example.com"));
        assertThat(mail.getState()).isEqualTo("transport");
    }

    @Test
    void aMailWithOnlyCompanyRecipientsIsGhosted() throws Exception {
        Mail mail = mail("mario.rossi@acme.example", "anna.bianchi@acme.example");
        mailet(TUESDAY_10).service(mail);
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void theCopyIsMarkedAndCarriesTheTraceHeader() throws Exception {
        mailet(TUESDAY_10).service(intraCompanyMail());
        FakeMailContext.SentMail copy = context.getSentMails().getFirst();
        assertThat(copy.getAttributes().get(ProductivityDelay.APPLIED).getValue()).isEqualTo(AttributeValue.of(true));
        String trace = copy.getMsg().getHeader(ProductivityDelay.TRACE_HEADER, null);
        assertThat(trace).matches("\\d+s; base=\\d+s; to-cc=1x=\\d+s; bcc=1x=\\d+s; edge=0s; hold=0s; until=2026-12-01T10:.*\\+01:00");
    }

    @Test
    void theTraceHeaderKeepsTheMessageIdAndStaysOffTheExternalCopy() throws Exception {
        Mail mail = intraCompanyMail();
        mailet(TUESDAY_10).service(mail);
        MimeMessage delayed = context.getSentMails().getFirst().getMsg();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        delayed.writeTo(written);
        assertThat(written.toString(StandardCharsets.UTF_8)).contains("Message-ID: <riunione-1@acme.example>").contains("X-Postino-Delay: ");
        assertThat(mail.getMessage().getHeader(ProductivityDelay.TRACE_HEADER)).isNull();
    }

    @Test
    void traceHeaderCanBeTurnedOff() throws Exception {
        mailet(TUESDAY_10, "traceHeader", "false").service(intraCompanyMail());
        assertThat(context.getSentMails().getFirst().getMsg().getHeader(ProductivityDelay.TRACE_HEADER)).isNull();
    }

    @Test
    void anAlreadyDelayedMailIsNeverDelayedAgain() throws Exception {
        Mail copy = intraCompanyMail();
        copy.setAttribute(new org.apache.mailet.Attribute(ProductivityDelay.APPLIED, AttributeValue.of(true)));
        mailet(TUESDAY_10).service(copy);
        assertThat(context.getSentMails()).isEmpty();
        assertThat(copy.getRecipients()).hasSize(4);
    }

    @Test
    void mailFromOutsideTheCompanyIsLeftAlone() throws Exception {
        Mail mail = mail("client@example.com", "anna.bianchi@acme.example");
        mailet(TUESDAY_10).service(mail);
        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getRecipients()).hasSize(1);
    }

    @Test
    void mailToOnlyExternalRecipientsIsLeftAlone() throws Exception {
        Mail mail = mail("mario.rossi@acme.example", "client@example.com");
        mailet(TUESDAY_10).service(mail);
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void fridayNightIsHeldUntilMondaysOpeningPlusTheRules() throws Exception {
        mailet("2026-11-27T22:00+01:00[Europe/Rome]").service(intraCompanyMail());
        FakeMailContext.SentMail copy = context.getSentMails().getFirst();
        assertThat((String) copy.getAttributes().get(ProductivityDelay.SLOT).getValue().value()).isEqualTo("OUT_OF_HOURS");
        assertThat((Long) copy.getAttributes().get(ProductivityDelay.HOLD).getValue().value()).isEqualTo(59L * 3600);
        assertThat((String) copy.getAttributes().get(ProductivityDelay.UNTIL).getValue().value()).startsWith("2026-11-30T09:");
    }

    @Test
    void theSameSeedGivesTheSameDelay() throws Exception {
        mailet(TUESDAY_10).service(intraCompanyMail());
        mailet(TUESDAY_10).service(intraCompanyMail());
        List<FakeMailContext.SentMail> sent = context.getSentMails();
        assertThat(sent.get(0).getDelay()).isEqualTo(sent.get(1).getDelay());
    }

    @Test
    void aPersonalAccountIsTreatedAsIntraCompanyAndGetsOneLetter() throws Exception {
        Mail mail = mail("mario.rossi.1970@gmail.example", "anna.bianchi@acme.example", "luca.verdi@acme.example");
        mailet(TUESDAY_10,
            "personalAccounts", "mario.rossi.1970@gmail.example = mario.rossi@acme.example",
            "reprimandCc", "hr@acme.example").service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(context.getSentMails()).hasSize(2);
        FakeMailContext.SentMail letter = context.getSentMails().get(1);
        assertThat(letter.getSender()).isEqualTo(address("postmaster@acme.example"));
        assertThat(letter.getRecipients()).containsExactly(address("mario.rossi@acme.example"), address("hr@acme.example"));
        assertThat(letter.getMsg().getHeader("To", null)).isEqualTo("mario.rossi@acme.example");
        assertThat(letter.getMsg().getHeader("Cc", null)).isEqualTo("hr@acme.example");
        assertThat(letter.getMsg().getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(letter.getSubject()).get().asString().startsWith("Lettera di richiamo");
        assertThat((String) letter.getMsg().getContent()).contains("Riunione di domani").contains("2 colleghi");
    }

    @Test
    void theLetterNeverGoesToThePersonalAddressEvenIfConfiguredAsCc() throws Exception {
        Mail mail = mail("mario.rossi.1970@gmail.example", "anna.bianchi@acme.example");
        mailet(TUESDAY_10,
            "personalAccounts", "mario.rossi.1970@gmail.example = mario.rossi@acme.example",
            "reprimandCc", "Mario.Rossi.1970@Gmail.Example, hr@acme.example",
            "reprimandFrom", "hr@acme.example").service(mail);
        FakeMailContext.SentMail letter = context.getSentMails().get(1);
        assertThat(letter.getRecipients()).containsExactly(address("mario.rossi@acme.example"), address("hr@acme.example"));
        assertThat(letter.getSender()).isEqualTo(address("hr@acme.example"));
    }

    @Test
    void theLetterQuotesARawUtf8SubjectCorrectly() throws Exception {
        MimeMessage raw = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
            "From: m@gmail.example\r\nTo: anna.bianchi@acme.example\r\nSubject: Pranzo di venerd\u00ec\r\n\r\nx\r\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(ReprimandNotifier.subjectOf(raw)).isEqualTo("Pranzo di venerd\u00ec");
    }

    @Test
    void theLetterQuotesAnEncodedWordSubject() throws Exception {
        MimeMessage encoded = message("Subject: =?UTF-8?Q?Pranzo_di_venerd=C3=AC?=\r\n\r\nx\r\n");
        assertThat(ReprimandNotifier.subjectOf(encoded)).isEqualTo("Pranzo di venerd\u00ec");
    }

    @Test
    void theEmployeesOwnAddressIsNotCountedAsAColleague() throws Exception {
        Mail mail = mail("mario.rossi.1970@gmail.example", "mario.rossi@acme.example", "anna.bianchi@acme.example");
        mailet(TUESDAY_10, "personalAccounts", "mario.rossi.1970@gmail.example = mario.rossi@acme.example").service(mail);
        assertThat((String) context.getSentMails().get(1).getMsg().getContent()).contains("1 collega.");
    }

    @Test
    void writingOnlyToOnesOwnWorkAddressIsDelayedButEarnsNoLetter() throws Exception {
        Mail mail = mail("mario.rossi.1970@gmail.example", "mario.rossi@acme.example");
        mailet(TUESDAY_10, "personalAccounts", "mario.rossi.1970@gmail.example = mario.rossi@acme.example").service(mail);
        assertThat(context.getSentMails()).singleElement().satisfies(sent -> assertThat(sent.getDelay()).isPresent());
    }

    @Test
    void anUnlistedOutsiderGetsNoLetter() throws Exception {
        Mail mail = mail("someone@gmail.example", "anna.bianchi@acme.example");
        mailet(TUESDAY_10, "personalAccounts", "mario.rossi.1970@gmail.example = mario.rossi@acme.example").service(mail);
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void startsOnAFreshServerWhoseDomainListDoesNotHoldTheCompanyYet() throws Exception {
        // FakeMailContext serves only localhost: a fresh James before the admin adds acme.example.
        ProductivityDelay mailet = mailet(TUESDAY_10, "domains", "",
            "personalAccounts", "mario.rossi.1970@gmail.example = mario.rossi@acme.example");
        Mail first = mail("mario.rossi.1970@gmail.example", "anna.bianchi@acme.example");
        mailet.service(first);
        mailet.service(mail("mario.rossi.1970@gmail.example", "luca.verdi@acme.example"));

        assertThat(context.getSentMails()).as("acme.example is not served: nothing is intra-company").isEmpty();
        assertThat(first.getState()).isEqualTo("transport");
        assertThat(logs.events()).filteredOn(event -> event.getLevel() == Level.WARN)
            .filteredOn(event -> event.getFormattedMessage().startsWith("personalAccounts"))
            .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
            .startsWith("personalAccounts: mario.rossi@acme.example (for mario.rossi.1970@gmail.example) is not a company address")
            .contains("treated as external");
    }

    @Test
    void withJamesDomainsThePersonalAccountsAreCheckedAgainstTheDomainsServedWhenMailArrives() throws Exception {
        ProductivityDelay mailet = mailet(TUESDAY_10, "domains", "",
            "personalAccounts", "mario.rossi.1970@gmail.example = mario@localhost");
        mailet.service(mail("mario.rossi.1970@gmail.example", "anna@localhost", "luca@localhost"));

        assertThat(context.getSentMails()).hasSize(2);
        assertThat(context.getSentMails().get(1).getRecipients()).containsExactly(address("mario@localhost"));
        assertThat(metrics.countFor(MetricNames.DELAY_PERSONAL_ACCOUNT)).isEqualTo(1);
        assertThat(metrics.countFor(MetricNames.DELAY_REPRIMANDS)).isEqualTo(1);
    }

    @Test
    void aHeldMailIsCountedWithItsRecipientsAndItsReturnAsReleased() throws Exception {
        ProductivityDelay mailet = mailet(TUESDAY_10);
        mailet.service(intraCompanyMail());
        FakeMailContext.SentMail sent = context.getSentMails().get(0);
        Mail heldCopy = FakeMail.builder().name("copy").sender("mario.rossi@acme.example")
            .recipients(sent.getRecipients().toArray(MailAddress[]::new)).mimeMessage(sent.getMsg())
            .attributes(List.copyOf(sent.getAttributes().values())).state("transport").build();
        mailet.service(heldCopy);

        assertThat(metrics.countFor(MetricNames.DELAY_HELD)).isEqualTo(1);
        assertThat(metrics.countFor(MetricNames.DELAY_HELD_RECIPIENTS)).isEqualTo(3);
        assertThat(metrics.countFor(MetricNames.DELAY_RELEASED)).isEqualTo(1);
        assertThat(heldCopy.getRecipients()).as("a released copy is not held again").hasSize(3);
        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void aCompanyAddressListedAsPersonalFailsAtInit() {
        assertThatThrownBy(() -> mailet(TUESDAY_10, "personalAccounts", "anna@acme.example = mario.rossi@acme.example"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("personalAccounts: ");
    }

    @Test
    void aBadRangeFailsAtInitNamingTheParameter() {
        assertThatThrownBy(() -> mailet(TUESDAY_10, "bccRecipientDelay", "600-300s"))
            .isInstanceOf(MessagingException.class).hasMessageStartingWith("ProductivityDelay: bccRecipientDelay: invalid value '600-300s'");
    }

    @Test
    void anUnknownParameterFailsAtInit() {
        assertThatThrownBy(() -> mailet(TUESDAY_10, "baseDelayy", "400-800s")).isInstanceOf(MessagingException.class);
    }

    @Test
    void aBadSeedFailsAtInitNamingTheParameter() {
        assertThatThrownBy(() -> mailet(TUESDAY_10, "seed", "forty-two")).hasMessageContaining("seed: invalid value 'forty-two'");
    }

    @Test
    void theTargetProcessorIsDeclaredSoJamesChecksItExists() throws Exception {
        assertThat(mailet(TUESDAY_10, "processor", "delayed-delivery").requiredProcessingState())
            .extracting(org.apache.mailet.ProcessingState::getValue).containsExactly("delayed-delivery");
    }

    @Test
    void theJavadocExampleWithEveryDefaultInitialises() throws Exception {
        ProductivityDelay mailet = new ProductivityDelay(at(TUESDAY_10), metrics, repositories, queues);
        mailet.init(FakeMailetConfig.builder().mailetName("ProductivityDelay").mailetContext(context)
            .setProperty("domains", "").setProperty("processor", "transport")
            .setProperty("baseDelay", "400-800s").setProperty("visibleRecipientDelay", "40-80s")
            .setProperty("bccRecipientDelay", "300-600s").setProperty("edgeWindow", "90m")
            .setProperty("edgeDelay", "200-400s").setProperty("workingHours", "09:00-18:00")
            .setProperty("workingDays", "MON-FRI").setProperty("timeZone", "Europe/Rome")
            .setProperty("holidays", "italy").setProperty("extraHolidays", "")
            .setProperty("deliverAtOpening", "false").setProperty("seed", "")
            .setProperty("traceHeader", "true").setProperty("personalAccounts", "")
            .setProperty("reprimandFrom", "").setProperty("reprimandCc", "")
            .setProperty("reprimandLanguage", "it").setProperty("reprimandTemplate", "")
            .build());
        assertThat(mailet.requiredProcessingState()).hasSize(1);
    }

    @Test
    void aCopyThatCannotBeHeldLeavesTheMailWholeForTheErrorProcessor() throws Exception {
        org.apache.mailet.MailetContext failing = org.mockito.Mockito.mock(org.apache.mailet.MailetContext.class);
        org.mockito.Mockito.when(failing.getPostmaster()).thenReturn(address("postmaster@acme.example"));
        org.mockito.Mockito.doThrow(new MessagingException("queue is down")).when(failing)
            .sendMail(org.mockito.ArgumentMatchers.any(Mail.class), org.mockito.ArgumentMatchers.anyString(),
                org.mockito.ArgumentMatchers.anyLong(), org.mockito.ArgumentMatchers.any(TimeUnit.class));
        ProductivityDelay mailet = new ProductivityDelay(at(TUESDAY_10), metrics, repositories, queues);
        mailet.init(FakeMailetConfig.builder().mailetName("ProductivityDelay").mailetContext(failing)
            .setProperty("domains", "acme.example").build());
        Mail mail = intraCompanyMail();

        assertThatThrownBy(() -> mailet.service(mail)).isInstanceOf(MessagingException.class);
        assertThat(mail.getRecipients()).hasSize(4);
        assertThat(mail.getState()).isEqualTo("transport");
    }

    private static final String CUSTOM_LETTER = "Subject: Richiamo per {companyAddress}\n\nHai scritto a {colleagues}.\n";

    private String sentLetter(String... parameters) throws Exception {
        Mail mail = mail("mario.rossi.1970@gmail.example", "anna.bianchi@acme.example", "luca.verdi@acme.example");
        List<String> all = new java.util.ArrayList<>(List.of("personalAccounts",
            "mario.rossi.1970@gmail.example = mario.rossi@acme.example"));
        all.addAll(List.of(parameters));
        mailet(TUESDAY_10, all.toArray(String[]::new)).service(mail);
        FakeMailContext.SentMail letter = context.getSentMails().get(1);
        return letter.getSubject().orElseThrow() + "\n" + letter.getMsg().getContent();
    }

    @Test
    void aReprimandTemplateWrittenInTheParameterIsUsed() throws Exception {
        // Written in the parameter, the text is stripped like every parameter value: no final line break.
        assertThat(sentLetter("reprimandTemplate", CUSTOM_LETTER))
            .isEqualTo("Richiamo per mario.rossi@acme.example\nHai scritto a 2 colleghi.");
    }

    @Test
    void aReprimandTemplateFileNamedWithTheFilePrefixIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("letter.txt"), CUSTOM_LETTER);
        assertThat(sentLetter("reprimandTemplate", "file:" + file))
            .isEqualTo("Richiamo per mario.rossi@acme.example\nHai scritto a 2 colleghi.\n");
        assertThat(logs.events()).noneMatch(event -> event.getFormattedMessage().contains("deprecated"));
    }

    @Test
    void aBareReprimandTemplatePathStillWorksWithADeprecationWarning(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("letter.txt"), CUSTOM_LETTER);
        assertThat(sentLetter("reprimandTemplate", file.toString()))
            .isEqualTo("Richiamo per mario.rossi@acme.example\nHai scritto a 2 colleghi.\n");
        assertThat(logs.events()).filteredOn(event -> event.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .containsOnlyOnce("ProductivityDelay: reprimandTemplate: a bare file path is deprecated and will not be read "
                + "in the next release; write reprimandTemplate as file:" + file);
    }

    @Test
    void aMisspeltPlaceholderInTheReprimandTemplateStopsTheStart() {
        assertThatThrownBy(() -> mailet(TUESDAY_10, "reprimandTemplate", "Subject: x\n\n{colleages}\n"))
            .isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("ProductivityDelay: reprimandTemplate: unknown placeholder {colleages}");
    }

    @Test
    void aBilingualReprimandLetterSpeaksItalianThenEnglish() throws Exception {
        String letter = sentLetter("reprimandLanguage", "it,en");
        assertThat(letter).startsWith("Lettera di richiamo").contains(" / Letter of reprimand")
            .contains("2 colleghi", "it reached 2 colleagues.");
    }

    @Test
    void startLogsOneInfoLineWithTheVersionAndTheConfiguration() throws Exception {
        mailet(TUESDAY_10);
        assertThat(logs.events()).filteredOn(event -> event.getLevel() == Level.INFO).singleElement()
            .extracting(ILoggingEvent::getFormattedMessage).asString()
            .startsWith("ProductivityDelay " + PostinoVersion.current() + " started: company=acme.example ")
            .contains("processor=transport", "hold=");
    }
}
