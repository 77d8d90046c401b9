package dev.postino.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MimeStripperTest {

    private static final String BOLLETTINO = String.join("\r\n",
        "From: Aruba <comunicazioni@staff.aruba.it>",
        "To: anna.bianchi@acme.example",
        "Subject: Invio copia bollettino",
        "Message-ID: <b1@staff.aruba.it>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed;",
        "\tboundary=\"XX-b\"",
        "",
        "This is a multi-part message in MIME format.",
        "--XX-b",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Gentile cliente,",
        "come da lei richiesto in allegato potrà trovare copia del bollettino.",
        "--XX-b",
        "Content-Type: application/zip; name=\"bollettino.zip\"",
        "Content-Disposition: attachment; filename=\"bollettino.zip\"",
        "Content-Transfer-Encoding: base64",
        "",
        "UEsDBBQAAAAIAAAAIQA=",
        "--XX-b--",
        "epilogue",
        "");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void strippedPartIsReplacedByATextNotice() {
        String out = new String(MimeStripper.strip(bytes(BOLLETTINO), Map.of("2", "Removed: bollettino[.]zip")),
            StandardCharsets.UTF_8);

        assertThat(out).doesNotContain("UEsDBBQAAAAIAAAAIQA=", "application/zip");
        String noticeBase64 = out.substring(out.indexOf("Content-Description"));
        noticeBase64 = noticeBase64.substring(noticeBase64.indexOf("\r\n\r\n") + 4, noticeBase64.indexOf("\r\n--XX-b--"));
        assertThat(new String(Base64.getMimeDecoder().decode(noticeBase64), StandardCharsets.UTF_8))
            .isEqualTo("Removed: bollettino[.]zip");
    }

    @Test
    void everyByteOutsideTheStrippedPartIsUnchanged() {
        byte[] original = bytes(BOLLETTINO);
        String before = BOLLETTINO.substring(0, BOLLETTINO.indexOf("Content-Type: application/zip"));
        String after = BOLLETTINO.substring(BOLLETTINO.indexOf("\r\n--XX-b--"));

        String out = new String(MimeStripper.strip(original, Map.of("2", "gone")), StandardCharsets.UTF_8);

        assertThat(out).startsWith(before).endsWith(after);
        assertThat(out).contains("\r\n--XX-b\r\nContent-Type: text/plain; charset=UTF-8\r\n");
    }

    @Test
    void nestedSectionIsFoundInsideANestedMultipart() {
        String nested = String.join("\r\n",
            "Content-Type: multipart/mixed; boundary=outer",
            "",
            "--outer",
            "Content-Type: multipart/alternative; boundary=inner",
            "",
            "--inner",
            "Content-Type: text/plain",
            "",
            "hello",
            "--inner",
            "Content-Type: application/octet-stream; name=x.exe",
            "",
            "MZ-payload",
            "--inner--",
            "--outer--",
            "");

        String out = new String(MimeStripper.strip(bytes(nested), Map.of("1.2", "removed")), StandardCharsets.UTF_8);

        assertThat(out).contains("hello").doesNotContain("MZ-payload", "x.exe");
        assertThat(out).endsWith("--inner--\r\n--outer--\r\n");
    }

    @Test
    void sectionBelowALeafReplacesThatLeaf() {
        String withAttachedMessage = String.join("\r\n",
            "Content-Type: multipart/mixed; boundary=b",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "see attached",
            "--b",
            "Content-Type: message/rfc822",
            "",
            "Subject: inner",
            "Content-Type: application/octet-stream",
            "",
            "MZ",
            "--b--",
            "");

        MimeStripper.Plan plan = MimeStripper.plan(bytes(withAttachedMessage), List.of("2.1"));

        assertThat(plan.resolved()).containsEntry("2.1", "2");
        assertThat(new String(MimeStripper.strip(bytes(withAttachedMessage), Map.of("2.1", "x")), StandardCharsets.UTF_8))
            .doesNotContain("Subject: inner");
    }

    @Test
    void missingSectionsAndSinglePartMessagesCannotBeStripped() {
        MimeStripper.Plan plan = MimeStripper.plan(bytes(BOLLETTINO), List.of("2", "7", "x"));
        assertThat(plan.unresolved()).containsExactly("7", "x");
        assertThat(plan.complete()).isFalse();

        byte[] single = bytes("Content-Type: application/octet-stream\r\n\r\nMZ\r\n");
        assertThat(MimeStripper.plan(single, List.of("1")).unresolved()).containsExactly("1");
        assertThatThrownBy(() -> MimeStripper.strip(single, Map.of("1", "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoFindingsInOnePartReplaceItOnceWithBothNotices() {
        String out = new String(MimeStripper.strip(bytes(BOLLETTINO), new java.util.LinkedHashMap<>(Map.of("2", "first"))),
            StandardCharsets.UTF_8);
        assertThat(out.split("Content-Description", -1)).hasSize(2);

        String nestedTwice = new String(MimeStripper.strip(bytes(BOLLETTINO), Map.of("2", "A", "2.1", "B")),
            StandardCharsets.UTF_8);
        assertThat(nestedTwice.split("Content-Description", -1)).hasSize(2);
    }

    @Test
    void bareLineFeedMessagesGetBareLineFeedNotices() {
        String lf = BOLLETTINO.replace("\r\n", "\n");

        String out = new String(MimeStripper.strip(bytes(lf), Map.of("2", "gone")), StandardCharsets.UTF_8);

        assertThat(out).doesNotContain("\r").contains("\n--XX-b\nContent-Type: text/plain; charset=UTF-8\n");
    }

    @Test
    void topHeaderIsReplacedAndForgedCopiesRemoved() {
        String forged = "X-Postino-Quarantine-Id: Q-20000101-AAAAAAAA\r\n"
            + "X-Postino-Quarantine-Id: folded\r\n continued\r\n" + BOLLETTINO;

        String out = new String(MimeStripper.withTopHeader(bytes(forged), "X-Postino-Quarantine-Id", "Q-20261201-7F3K9M2P"),
            StandardCharsets.UTF_8);

        assertThat(out).isEqualTo("X-Postino-Quarantine-Id: Q-20261201-7F3K9M2P\r\n" + BOLLETTINO);
    }
}
