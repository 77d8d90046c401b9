package dev.postino.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.matchers.AttachmentFileNameIs;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

import dev.postino.attachments.AttachmentInspector;
import dev.postino.attachments.AttachmentVerdict;
import dev.postino.attachments.Corpus;
import dev.postino.attachments.Finding;
import dev.postino.attachments.InspectionPolicy;
import dev.postino.attachments.InspectionReport;
import dev.postino.attachments.names.BlockedExtensions;

/**
 * Runs James's own {@code AttachmentFileNameIs -z} (masks: every extension of Postino's default list)
 * and Postino's inspector on the same corpus and records, case by case, what James misses. The table
 * lands in {@code target/attachments-comparison.md} (copied into docs/attachments-comparison.md).
 */
class AttachmentFileNameIsComparisonTest {

    static final String MASKS = BlockedExtensions.DEFAULTS.stream().map(extension -> "*." + extension)
        .collect(Collectors.joining(","));

    /** What James's matcher did with one message. */
    enum JamesOutcome { MATCHED, NOT_MATCHED, EXCEPTION }

    static JamesOutcome james(AttachmentFileNameIs matcher, byte[] eml) {
        try {
            FakeMail mail = FakeMail.builder().name("m")
                .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml)))
                .recipient(new MailAddress("anna.bianchi@acme.example")).build();
            Collection<MailAddress> matched = matcher.match(mail);
            return matched == null || matched.isEmpty() ? JamesOutcome.NOT_MATCHED : JamesOutcome.MATCHED;
        } catch (Exception | LinkageError failure) {
            return JamesOutcome.EXCEPTION;
        }
    }

    static AttachmentFileNameIs jamesMatcher() throws Exception {
        AttachmentFileNameIs matcher = new AttachmentFileNameIs();
        matcher.init(FakeMatcherConfig.builder().matcherName("AttachmentFileNameIs").condition("-z " + MASKS).build());
        return matcher;
    }

    @Test
    void postinoCatchesEveryCorpusCaseJamesCatchesAndRecordsWhatJamesMisses() throws Exception {
        AttachmentFileNameIs james = jamesMatcher();
        AttachmentInspector postino = new AttachmentInspector(InspectionPolicy.DEFAULT);
        List<String> rows = new ArrayList<>();
        int missedByJames = 0;
        int dangerous = 0;
        int jamesFalsePositives = 0;
        for (Corpus.Case corpusCase : Corpus.all()) {
            InspectionReport report = postino.inspect(corpusCase.message());
            JamesOutcome outcome = james(james, corpusCase.message());
            boolean jamesCaught = outcome == JamesOutcome.MATCHED;
            if (jamesCaught) {
                assertThat(report.verdict()).as("James catches %s, Postino must too", corpusCase).isEqualTo(AttachmentVerdict.DANGEROUS);
            }
            if (corpusCase.dangerous()) {
                dangerous++;
                assertThat(report.verdict()).as(corpusCase.toString()).isEqualTo(AttachmentVerdict.DANGEROUS);
                if (!jamesCaught) {
                    missedByJames++;
                }
            } else {
                assertThat(report.verdict()).as(corpusCase.toString()).isEqualTo(AttachmentVerdict.CLEAN);
                jamesFalsePositives += jamesCaught ? 1 : 0;
            }
            rows.add("| " + corpusCase.id() + " | " + corpusCase.description().replace("|", "\\|") + " | "
                + (corpusCase.dangerous() ? "dangerous" : "clean") + " | "
                + switch (outcome) {
                    case MATCHED -> "matched";
                    case NOT_MATCHED -> corpusCase.dangerous() ? "**missed**" : "not matched";
                    case EXCEPTION -> corpusCase.dangerous() ? "**exception** (error processor)" : "exception";
                } + " | " + report.verdict().word() + " | "
                + report.findings().stream().map(Finding::code).map(Enum::name).distinct().collect(Collectors.joining(", ")) + " |");
        }
        // What James misses is recorded, not asserted: the test is about Postino, and must not fail if James improves.
        write(rows, dangerous, missedByJames, jamesFalsePositives);
    }

    private static void write(List<String> rows, int dangerous, int missed, int falsePositives) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Corpus: ").append(rows.size()).append(" messages, ").append(dangerous).append(" dangerous. ")
            .append("AttachmentFileNameIs `-z` with masks for all ").append(BlockedExtensions.DEFAULTS.size())
            .append(" default extensions misses ").append(missed).append(" of ").append(dangerous)
            .append(" dangerous messages (\"exception\" counts as missed: the mail goes to the error processor, which by default bounces it)")
            .append(" and matches ").append(falsePositives).append(" clean ones; Postino catches all ").append(dangerous)
            .append(" and passes every clean one.\n\n");
        text.append("| Case | What | Expected | AttachmentFileNameIs -z | Postino | Postino reason codes |\n");
        text.append("|---|---|---|---|---|---|\n");
        rows.forEach(row -> text.append(row).append('\n'));
        Path target = Paths.get("target", "attachments-comparison.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, text.toString(), StandardCharsets.UTF_8);
    }
}
