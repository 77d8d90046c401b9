package dev.postino.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NoticeTest {

    @Test
    void aBilingualNoticeHasBothVersionsInTheOrderAsked() {
        Notice notice = Notice.inLanguages(List.of(Language.EN, Language.IT),
            language -> new Notice("S-" + language, "B-" + language));
        assertThat(notice.subject()).isEqualTo("S-EN / S-IT");
        assertThat(notice.body()).isEqualTo("B-EN" + Notice.LANGUAGE_SEPARATOR + "B-IT");
    }

    @Test
    void oneLanguageIsThatVersionAlone() {
        assertThat(Notice.inLanguages(List.of(Language.IT), language -> new Notice("Oggetto", "Testo")))
            .isEqualTo(new Notice("Oggetto", "Testo"));
    }
}
