package dev.postino.admin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.postino.admin.Json;
import dev.postino.admin.RecordedWebAdmin.Recording;
import dev.postino.admin.WebAdmin;

/** A held message as WebAdmin describes it, and the small values the commands take. */
class HeldMailTest {

    @Test
    void readsWebAdminsDescriptionOfAHeldMessage() {
        Map<?, ?> json = (Map<?, ?>) Json.parse(Recording.load("show").exchanges().get(0).text());

        HeldMail mail = HeldMail.fromJson(json);

        assertThat(mail.id()).isEqualTo(json.get("name")).startsWith("Q-");
        assertThat(mail.sender()).contains("notifiche@fatture-online.example");
        assertThat(mail.recipients()).containsExactly("anna.bianchi@acme.example");
        assertThat(mail.heldAt()).contains(Instant.parse(((String) json.get("lastUpdated")).replace("+0000", "Z")));
        assertThat(mail.size()).contains(2323L);
        assertThat(mail.state()).contains("release");
        assertThat(mail.subject()).isEqualTo("Fattura elettronica n. 4471 del 30/11/2026");
        assertThat(mail.headers().get(0)).isEqualTo(new HeldMail.Header("X-Postino-Quarantine-Id", mail.id()));
        assertThat(mail.verdict()).contains("dangerous");
        assertThat(mail.action()).contains("message");
        assertThat(mail.reasons()).containsExactly("DOUBLE_EXTENSION", "EXECUTABLE_CONTENT", "HTML_SMUGGLING");
    }

    @Test
    void aMessageHeldWithoutAnyVerdictIsHeldAsNotInspected() {
        HeldMail mail = HeldMail.fromJson(Map.of("name", "Q-20261201-7F3K9M2P", "recipients", List.of("a@acme.example"),
            "attributes", Map.of(HeldMail.QUARANTINE_ID, "Q-20261201-7F3K9M2P")));

        assertThat(mail.reasons()).containsExactly(HeldMail.NOT_INSPECTED);
        assertThat(mail.sender()).isEmpty();
        assertThat(mail.senderText()).isEqualTo("<>");
        assertThat(mail.heldAt()).isEqualTo(Optional.empty());
    }

    @Test
    void findingsWithoutAReadableCodeAreNamedSoNotLeftBlank() {
        HeldMail mail = HeldMail.fromJson(Map.of("name", "Q-20261201-7F3K9M2P",
            "attributes", Map.of(HeldMail.VERDICT, "dangerous", HeldMail.FINDINGS, "[something else]")));

        assertThat(mail.reasons()).containsExactly(HeldMail.FINDINGS_UNREADABLE);
    }

    @Test
    void aRepositoryIsNamedByItsPathWhateverProtocolItIsGivenWith() throws Exception {
        WebAdmin webAdmin = new WebAdmin(URI.create("http://127.0.0.1:8000"), Optional.empty(), Duration.ofSeconds(5));
        assertThat(new Quarantine(webAdmin, Quarantine.DEFAULT_REPOSITORY).path()).isEqualTo("var/mail/quarantine");
        assertThat(new Quarantine(webAdmin, "file://var/mail/quarantine/").path()).isEqualTo("var/mail/quarantine");
        assertThat(new Quarantine(webAdmin, "var/mail/quarantine").path()).isEqualTo("var/mail/quarantine");
    }

    @Test
    void agesAsAnAdministratorTypesThem() throws Exception {
        assertThat(Age.parse("--older-than", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Age.parse("--older-than", "2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Age.parse("--older-than", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Age.parse("--older-than", "45m")).isEqualTo(Duration.ofMinutes(45));
        assertThat(Age.forWebAdmin(Age.parse("--older-than", "90s"))).isEqualTo("90s");
        assertThat(Age.forWebAdmin(Duration.ofDays(30))).isEqualTo("2592000s");
        assertThatThrownBy(() -> Age.parse("--older-than", "-1d")).hasMessageContaining("is not an age");
        assertThatThrownBy(() -> Age.parse("--older-than", "1 month")).hasMessageContaining("is not an age");
    }

    @Test
    void onlyKeyShapedIdsReachAUrl() {
        assertThat(Quarantine.isKey("Q-20261201-7F3K9M2P")).isTrue();
        assertThat(Quarantine.isKey("Mail1796455343344-gPZXlxgG6MtXaNApVcwu")).isTrue();
        assertThat(Quarantine.isKey("../x")).isFalse();
        assertThat(Quarantine.isKey("a/b")).isFalse();
        assertThat(Quarantine.isKey("a b")).isFalse();
        assertThat(Quarantine.isKey("")).isFalse();
    }
}
