package dev.postino.admin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postino.admin.Cli;
import dev.postino.admin.Json;
import dev.postino.admin.RecordedWebAdmin;
import dev.postino.admin.RecordedWebAdmin.Recording;

/**
 * {@code quarantine …} against WebAdmin's recorded answers: each test runs the command line the
 * real-server check ran (scripts/real-james-check.sh), with the same requests, and reads what James
 * 3.9.0 answered then. The quarantine held the samples 30 (strip-mode original), 32, 34 and a hostile
 * mail (admin test resource {@code recorded/hostile.eml}).
 */
class QuarantineCommandTest {

    @TempDir
    Path folder;

    private List<String> received = List.of();

    private Cli.Result replay(String name) throws IOException {
        return replay(name, command -> command);
    }

    private Cli.Result replay(String name, UnaryOperator<List<String>> edit) throws IOException {
        try (RecordedWebAdmin webAdmin = RecordedWebAdmin.serving(name)) {
            Cli.Result result = Cli.against(webAdmin.uri(), edit.apply(new ArrayList<>(webAdmin.recording().command())));
            assertThat(webAdmin.unanswered()).as("requests that are not in the recording").isEmpty();
            assertThat(webAdmin.changesNotReplayed()).as("recorded changes the command did not make").isEmpty();
            received = webAdmin.received();
            return result;
        }
    }

    /** The mails as WebAdmin described them in a recording. */
    private static List<Map<?, ?>> recordedMails(String name) {
        return Recording.load(name).exchanges().stream()
            .filter(e -> e.method().equals("GET") && e.path().contains("/mails/") && e.status() == 200
                && "application/json".equals(e.accept()))
            .<Map<?, ?>>map(e -> (Map<?, ?>) Json.parse(e.text()))
            .toList();
    }

    private static String idWithReason(String recording, String code) {
        return recordedMails(recording).stream()
            .filter(mail -> String.valueOf(((Map<?, ?>) mail.get("attributes")).get(HeldMail.FINDINGS)).contains(code))
            .map(mail -> (String) mail.get("name")).findFirst().orElseThrow();
    }

    @Test
    void listShowsEveryHeldMessageOldestFirstWithItsReasons() throws IOException {
        Cli.Result result = replay("list");

        assertThat(result.status()).isZero();
        List<String> ids = recordedMails("list").stream()
            .sorted(Comparator.comparing(mail -> (String) mail.get("lastUpdated")))
            .map(mail -> (String) mail.get("name")).distinct().toList();
        assertThat(ids).hasSize(4);
        List<String> lines = result.outLines();
        assertThat(lines.get(0)).startsWith("ID").contains("HELD (UTC)", "SENDER", "RECIPIENTS", "SUBJECT", "REASONS", "SIZE");
        assertThat(lines.subList(1, 5)).extracting(line -> line.substring(0, 19)).containsExactlyElementsOf(ids);
        assertThat(lines.get(5)).isEqualTo("4 held message(s) in var/mail/quarantine");
        String smuggling = idWithReason("list", "HTML_SMUGGLING");
        assertThat(lines).filteredOn(line -> line.startsWith(smuggling)).singleElement().asString()
            .contains("notifiche@fatture-online.example", "Fattura elettronica n. 4471", "DOUBLE_EXTENSION", "2.3 kB");
    }

    @Test
    void listJsonGivesScriptsTheDecodedValuesOnOneEscapedLine() throws IOException {
        Cli.Result result = replay("list-json");

        assertThat(result.status()).isZero();
        assertThat(result.outLines()).hasSize(1);
        assertThat(result.out()).doesNotContain("\u202e").contains("\\u202e");
        List<?> mails = (List<?>) Json.parse(result.out());
        assertThat(mails).hasSize(4);
        Map<?, ?> hostile = mails.stream().map(Map.class::cast)
            .filter(mail -> "\"<script>alert(9)</script>\"@attacker.example".equals(mail.get("sender"))).findFirst().orElseThrow();
        assertThat((String) hostile.get("subject")).startsWith("<script>alert('subject')</script>").contains("\u202efdp.exe\u200b");
        assertThat(((List<?>) hostile.get("reasons")).stream().map(String::valueOf).toList()).contains("HIDDEN_CHARACTERS", "BLOCKED_EXTENSION", "DOUBLE_EXTENSION");
        assertThat(hostile.keySet().stream().map(String::valueOf).toList()).contains("id", "heldAt", "recipients", "size", "state", "action");
    }

    @Test
    void aReasonIsMatchedHereAgainstTheFindingsCodes() throws IOException {
        Cli.Result result = replay("list-reason");

        List<?> mails = (List<?>) Json.parse(result.out());
        assertThat(mails.stream().map(mail -> String.valueOf(((Map<?, ?>) mail).get("id"))).toList())
            .containsExactly(idWithReason("list-reason", "HTML_SMUGGLING"));
    }

    @Test
    void aSenderIsWebAdminsOwnFilterWithItsDomainWildcard() throws IOException {
        Cli.Result result = replay("list-sender");

        assertThat(received.get(0)).isEqualTo("GET /mailRepositories/var%2Fmail%2Fquarantine/mails?sender=*%40fatture-online.example");
        List<?> mails = (List<?>) Json.parse(result.out());
        assertThat(mails).singleElement().extracting(mail -> ((Map<?, ?>) mail).get("sender")).isEqualTo("notifiche@fatture-online.example");
    }

    @Test
    void showPrintsEnvelopeFindingsHeadersAndAttributesButNeverTheContent() throws IOException {
        Cli.Result result = replay("show");

        assertThat(result.status()).isZero();
        assertThat(result.out())
            .contains("Quarantine id  " + Recording.load("show").command().get(2))
            .contains("Sender         notifiche@fatture-online.example")
            .contains("Verdict        dangerous")
            .contains("Findings (3)")
            .contains("1. DOUBLE_EXTENSION in part 2, file Fattura_4471.pdf.exe")
            .contains("at part 2 › Fattura_4471.html › embedded data 1 › Fattura_4471.pdf.exe")
            .contains("3. HTML_SMUGGLING in part 2, file Fattura_4471.html")
            .contains("Subject: Fattura elettronica n. 4471 del 30/11/2026")
            .contains("postino.quarantine.original = true")
            // the findings attribute is shown as findings, not as WebAdmin's Java text
            .doesNotContain("AttributeValue{")
            .doesNotContain("Content-Transfer-Encoding");
    }

    @Test
    void hostileTextIsShownVisiblyAndCannotDriveTheTerminal() throws IOException {
        Cli.Result result = replay("show-hostile");

        assertThat(result.status()).isZero();
        assertThat(result.out().chars().filter(c -> c < 0x20 && c != '\n' || c == 0x7f || c == 0x202e || c == 0x200b))
            .as("control, bidi and zero-width characters").isEmpty();
        assertThat(result.out())
            .contains("Subject        <script>alert('subject')</script> \"><img src=x onerror=alert(1)> Fattura [U+202E]fdp.exe[U+200B]")
            .contains("From: Servizio <b>Clienti</b> \"><script>alert(5)</script>[U+202E]moc.acme <fatture@attacker.example>")
            .contains("report_.pdf[40 spaces].exe")
            .contains("Findings (10)");
        // A file name made of the separators of WebAdmin's attribute text stays a file name.
        assertThat(result.outLines()).noneMatch(line -> line.matches("\\s+\\d+\\. NOTHING_TO_SEE.*"));
        assertThat(result.outLines()).anyMatch(line -> line.matches("\\s+9\\. BLOCKED_EXTENSION in part 5, file a\\.pdf, serializer=.*"));
    }

    @Test
    void anIdTheQuarantineDoesNotHoldIsOneLineAndExit1() throws IOException {
        Cli.Result result = replay("show-unknown");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.errLines()).containsExactly("postino quarantine show: no message Q-20261205-ZZZZZZZZ in var/mail/quarantine");
    }

    @Test
    void exportWritesTheStoredMessageByteForByteWithAWarning() throws IOException {
        Path target = folder.resolve("held.eml");
        Cli.Result result = replay("export", command -> replaceAfter(command, "-o", target.toString()));

        assertThat(result.status()).isZero();
        byte[] stored = rawOf("export");
        assertThat(Files.readAllBytes(target)).isEqualTo(stored);
        assertThat(result.out()).isEqualTo("wrote " + target + " (" + stored.length + " bytes)\n");
        assertThat(result.errLines()).singleElement().asString()
            .startsWith("warning: " + Recording.load("export").command().get(2) + " was held as dangerous (DOUBLE_EXTENSION")
            .endsWith("examine it only in an isolated analysis environment, never open it in a mail program");
    }

    @Test
    void exportNeverOverwritesAFileUnlessForced() throws IOException {
        Path target = Files.writeString(folder.resolve("mine.eml"), "keep me");
        Recording recording = Recording.load("export");
        List<String> command = replaceAfter(new ArrayList<>(recording.command()), "-o", target.toString());
        Cli.Result result = Cli.against(URI.create("http://127.0.0.1:9"), command);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("postino quarantine export: " + target + " exists (--force replaces it)");
        assertThat(Files.readString(target)).isEqualTo("keep me");

        Cli.Result forced = replay("export", c -> {
            List<String> edited = replaceAfter(c, "-o", target.toString());
            edited.add("--force");
            return edited;
        });
        assertThat(forced.status()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(rawOf("export"));
    }

    private static byte[] rawOf(String recording) {
        return Recording.load(recording).exchanges().stream().filter(e -> "message/rfc822".equals(e.accept()))
            .findFirst().orElseThrow().body();
    }

    private static List<String> replaceAfter(List<String> command, String option, String value) {
        command.set(command.indexOf(option) + 1, value);
        return command;
    }

    @Test
    void releaseReprocessesIntoTheReleaseProcessorAndWaitsForTheTask() throws IOException {
        Cli.Result result = replay("release");

        String id = Recording.load("release").command().get(2);
        String task = (String) ((Map<?, ?>) Json.parse(Recording.load("release").first("PATCH", "/").text())).get("taskId");
        assertThat(received).containsSubsequence(
            "GET /mailRepositories/var%2Fmail%2Fquarantine/mails/" + id + "?additionalFields=attributes,headers,messageSize",
            "PATCH /mailRepositories/var%2Fmail%2Fquarantine/mails/" + id + "?action=reprocess&processor=release&queue=spool",
            "GET /tasks/" + task + "/await?timeout=25s");
        assertThat(result.status()).isZero();
        assertThat(result.out()).isEqualTo("released " + id + " into the 'release' processor for anna.bianchi@acme.example"
            + " (WebAdmin task " + task + " completed)\n");
    }

    @Test
    void releaseForARecipientTheMessageIsNotHeldForChangesNothing() throws IOException {
        Cli.Result result = replay("release-not-for");

        assertThat(received).allMatch(request -> request.startsWith("GET "));
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("is not held for giulia.neri@acme.example (held for anna.bianchi@acme.example)");
    }

    @Test
    void releaseForOneOfSeveralRecipientsIsRefusedBecauseWebAdminWouldDeliverToAll() throws IOException {
        Cli.Result result = replay("release-several");

        assertThat(received).allMatch(request -> request.startsWith("GET "));
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("is held for 2 recipients (anna.bianchi@acme.example, giulia.neri@acme.example)",
            "WebAdmin releases a stored mail to all its recipients");
    }

    @Test
    void deleteReadsTheMessageThenDeletesIt() throws IOException {
        Cli.Result result = replay("delete");

        String id = Recording.load("delete").command().get(2);
        assertThat(received).containsExactly(
            "GET /mailRepositories/var%2Fmail%2Fquarantine/mails/" + id + "?additionalFields=attributes,headers,messageSize",
            "DELETE /mailRepositories/var%2Fmail%2Fquarantine/mails/" + id);
        assertThat(result.status()).isZero();
        assertThat(result.out()).startsWith("deleted " + id + " (held 2026-").contains("from luca.verdi@acme.example");
    }

    @Test
    void deleteRefusesAnIdWebAdminWouldSilentlyAccept() throws IOException {
        Cli.Result result = replay("delete-unknown");

        assertThat(received).noneMatch(request -> request.startsWith("DELETE"));
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
            .isEqualTo("postino quarantine delete: no message " + Recording.load("delete-unknown").command().get(2) + " in var/mail/quarantine");
    }

    @Test
    void expireDryRunNamesWhatWouldGoAndDeletesNothing() throws IOException {
        Cli.Result result = replay("expire-dry-run");

        assertThat(received).noneMatch(request -> request.startsWith("DELETE"));
        assertThat(received.get(0)).isEqualTo("GET /mailRepositories/var%2Fmail%2Fquarantine/mails?updatedBefore=" + ageOf("expire-dry-run"));
        assertThat(result.status()).isZero();
        assertThat(result.outLines()).filteredOn(line -> line.startsWith("would delete Q-")).isNotEmpty();
        assertThat(result.outLines().get(result.outLines().size() - 1)).startsWith("dry run: ").contains("would be deleted from var/mail/quarantine");
    }

    @Test
    void expireDeletesEveryMessageHeldLongerThanTheAge() throws IOException {
        Cli.Result result = replay("expire");

        List<String> deletes = received.stream().filter(request -> request.startsWith("DELETE")).toList();
        assertThat(deletes).isNotEmpty();
        assertThat(result.status()).isZero();
        assertThat(result.outLines()).filteredOn(line -> line.startsWith("deleted Q-")).hasSameSizeAs(deletes);
        assertThat(result.outLines().get(result.outLines().size() - 1))
            .startsWith(deletes.size() + " message(s) held longer than " + Recording.load("expire").command().get(3));
    }

    private static String ageOf(String recording) {
        List<String> command = Recording.load(recording).command();
        return command.get(command.indexOf("--older-than") + 1);
    }

    @Test
    void aRepositoryThatDoesNotExistIsOneLine() throws IOException {
        Cli.Result result = replay("missing-repository");

        assertThat(received).containsExactly("GET /mailRepositories/var%2Fmail%2Fnope/mails");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
            .startsWith("postino quarantine list: the repository var/mail/nope does not exist on WebAdmin at http://127.0.0.1:");
    }

    @Test
    void anUnreachableWebAdminIsOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Cli.Result result = Cli.run("quarantine", "list", "--webadmin", "http://127.0.0.1:" + port);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.errLines()).singleElement().asString()
            .startsWith("postino quarantine list: WebAdmin at http://127.0.0.1:" + port + " is unreachable");
    }

    @Test
    void aCommandLineThatCannotRunIsExit2WithTheUsage() {
        assertThat(Cli.run("quarantine").status()).isEqualTo(2);
        assertThat(Cli.run("quarantine", "show", "--webadmin", "http://x").err())
            .startsWith("postino quarantine: which message? give its quarantine id");
        assertThat(Cli.run("quarantine", "purge", "--webadmin", "http://x").err()).startsWith("postino quarantine: unknown action 'purge'");
        assertThat(Cli.run("quarantine", "expire", "--webadmin", "http://x").err()).contains("--older-than AGE is needed");
        assertThat(Cli.run("quarantine", "expire", "--older-than", "30x", "--webadmin", "http://x").err())
            .contains("--older-than: '30x' is not an age like 30d");
        assertThat(Cli.run("quarantine", "export", "Q-20261201-7F3K9M2P", "--webadmin", "http://x").err()).contains("-o FILE.eml is needed");
        assertThat(Cli.run("quarantine", "list", "--json", "--webadmin", "http://x", "--jsn").err()).contains("unknown option --jsn");
        Cli.Result result = Cli.run("quarantine", "show", "a", "b", "--webadmin", "http://x");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.errLines()).containsExactly("postino quarantine: one quarantine id at a time",
            "usage: quarantine list|show|release|delete|expire|export [ID] [OPTIONS]   the attachment quarantine");
    }

    @Test
    void anIdThatCannotBeAKeyNeverReachesWebAdmin() {
        Cli.Result result = Cli.run("quarantine", "delete", "../../users", "--webadmin", "http://127.0.0.1:9");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly(
            "postino quarantine delete: '../../users' is not a quarantine id (like Q-20261201-7F3K9M2P)");
    }
}
