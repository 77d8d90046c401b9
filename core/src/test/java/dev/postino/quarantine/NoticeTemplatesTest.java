package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postino.notices.Language;
import dev.postino.notices.Notice;
import dev.postino.quarantine.NoticeTemplates.Held;

class NoticeTemplatesTest {

    private static final QuarantineId ID = new QuarantineId("Q-20261201-7F3K9M2P");
    private static final ZonedDateTime AT = ZonedDateTime.parse("2026-12-01T10:00+01:00[Europe/Rome]");
    private static final HeldAttachment BOLLETTINO = new HeldAttachment("EXECUTABLE_CONTENT", "2",
        "part 2 › bollettino.zip › bollettino.pdf.exe", "It is a Windows program.", "bollettino.pdf.exe");

    private final Held held = new Held(ID, AT, List.of(BOLLETTINO), "postmaster@acme.example");

    @Test
    void englishRecipientNoticeNamesDateIdFileAndReason() {
        Notice notice = NoticeTemplates.builtIn().recipientNotice(held, List.of(Language.EN));

        assertThat(notice.subject()).isEqualTo("Message held: dangerous attachment [Q-20261201-7F3K9M2P]");
        assertThat(notice.body())
            .contains("Date: 2026-12-01 10:00 +01:00")
            .contains("Quarantine id: Q-20261201-7F3K9M2P")
            .contains("  - part 2 › bollettino[.]zip › bollettino[.]pdf[.]exe: a program or script that can be run (EXECUTABLE_CONTENT)")
            .contains("(postmaster@acme.example)");
    }

    @Test
    void italianRecipientNoticeIsInItalian() {
        Notice notice = NoticeTemplates.builtIn().recipientNotice(held, List.of(Language.IT));

        assertThat(notice.subject()).isEqualTo("Messaggio trattenuto: allegato pericoloso [Q-20261201-7F3K9M2P]");
        assertThat(notice.body()).contains("Codice di quarantena: Q-20261201-7F3K9M2P")
            .contains("un programma o uno script che può essere eseguito");
    }

    @Test
    void bilingualNoticeHasBothLanguagesInTheGivenOrder() {
        Notice notice = NoticeTemplates.builtIn().recipientNotice(held, List.of(Language.IT, Language.EN));

        assertThat(notice.subject()).startsWith("Messaggio trattenuto").contains(" / Message held");
        assertThat(notice.body().indexOf("Codice di quarantena")).isLessThan(notice.body().indexOf("Quarantine id"));
    }

    @Test
    void noticeContainsNoLinkEvenWhenTheFileNameIsOne() {
        Held hostile = new Held(ID, AT, List.of(new HeldAttachment("EXECUTABLE_CONTENT", "2", "",
            "<a href=\"https://evil.example\">click</a>", "https://evil.example/pay.exe")), "postmaster@acme.example");

        Notice notice = NoticeTemplates.builtIn().recipientNotice(hostile, List.of(Language.EN, Language.IT));

        assertThat(notice.body()).doesNotContain("https://", "evil.example", "<a ", "click");
    }

    @Test
    void injectedLineBreaksInFileNamesStayOnOneLine() {
        Held hostile = new Held(ID, AT, List.of(new HeldAttachment("EXECUTABLE_CONTENT", "2", "",
            "", "a.exe\r\nSubject: you won")), "postmaster@acme.example");

        Notice notice = NoticeTemplates.builtIn().recipientNotice(hostile, List.of(Language.EN));

        assertThat(notice.body()).contains("  - a[.]exe[U+000D][U+000A]Subject: you won: ");
        assertThat(notice.subject()).doesNotContain("you won");
    }

    @Test
    void severalReasonsForOneFileShareOneLine() {
        HeldAttachment disguised = new HeldAttachment("DOUBLE_EXTENSION", "2", BOLLETTINO.path(), "", "bollettino.pdf.exe");
        Held twoReasons = new Held(ID, AT, List.of(disguised, BOLLETTINO), "postmaster@acme.example");

        String body = NoticeTemplates.builtIn().recipientNotice(twoReasons, List.of(Language.EN)).body();

        assertThat(body).contains("  - part 2 › bollettino[.]zip › bollettino[.]pdf[.]exe: "
            + "a program disguised as a document (double extension) (DOUBLE_EXTENSION); "
            + "a program or script that can be run (EXECUTABLE_CONTENT)\n");
        assertThat(body.split("bollettino\\[\\.\\]pdf", -1)).hasSize(2);
    }

    @Test
    void partNoticeNamesTheRemovedFileTheReasonAndTheId() {
        String text = NoticeTemplates.builtIn().partNotice(held, List.of(Language.EN));

        assertThat(text).contains("Attachment removed by the mail server: part 2 › bollettino[.]zip › bollettino[.]pdf[.]exe")
            .contains("Reason: a program or script that can be run (EXECUTABLE_CONTENT)")
            .contains("Quarantine id: Q-20261201-7F3K9M2P");
    }

    @Test
    void overriddenTemplateIsUsedOnceWithReasonsInTheFirstLanguage() {
        NoticeTemplates templates = NoticeTemplates.builtIn()
            .withOverrides("Bloccato {id}", "Tenuto {id} il {date}:\n{attachments}", null);

        Notice notice = templates.recipientNotice(held, List.of(Language.IT, Language.EN));

        assertThat(notice.subject()).isEqualTo("Bloccato Q-20261201-7F3K9M2P");
        assertThat(notice.body()).startsWith("Tenuto Q-20261201-7F3K9M2P il 2026-12-01 10:00 +01:00:")
            .contains("un programma").doesNotContain("a program");
    }

    @Test
    void postmasterNoticeShowsTheEnvelopeAndRepository() {
        Notice notice = NoticeTemplates.builtIn().postmasterNotice(held, "message quarantined",
            "memory://var/mail/quarantine/", "comunicazioni@staff.aruba.it", List.of("anna.bianchi@acme.example"));

        assertThat(notice.subject()).isEqualTo("[Postino] message quarantined: Q-20261201-7F3K9M2P");
        assertThat(notice.body()).contains("Repository: memory://var/mail/quarantine/ (key Q-20261201-7F3K9M2P)")
            .contains("Envelope sender: comunicazioni@staff[.]aruba[.]it")
            .contains("Recipients: anna[.]bianchi@acme[.]example");
    }
}
