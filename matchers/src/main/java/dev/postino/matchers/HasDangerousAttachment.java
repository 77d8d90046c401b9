package dev.postino.matchers;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.attachments.Action;
import dev.postino.attachments.InspectionReport;
import dev.postino.attachments.ReasonCode;
import dev.postino.james.AttachmentVerdictAttributes;
import dev.postino.james.MailInspection;
import dev.postino.parameters.ParameterValues;

/**
 * Matches all recipients of a mail whose attachments were judged dangerous, optionally only for some
 * reason codes.
 *
 * <p>It reads the verdict stored by {@code InspectAttachments} ({@code postino.attachments.verdict});
 * when no verdict is present it inspects the message itself with the default policy (without storing
 * anything). The condition is an optional list of reason codes, separated by commas, semicolons or spaces
 * as every Postino list: then it matches only if the verdict is dangerous and one of the blocking findings
 * has one of those codes.
 *
 * <p>Its own inspection knows nothing of the mail's sender, so it has no allowlist: encrypted content is
 * always dangerous there. To accept encrypted attachments from known senders, run {@code InspectAttachments}
 * with {@code encryptedAllowedSenders} first; this matcher then follows its verdict.
 *
 * <pre>{@code
 * <!-- any dangerous attachment -->
 * <mailet match="dev.postino.matchers.HasDangerousAttachment" class="ToRepository">
 *   <repositoryPath>memory://var/mail/quarantine/</repositoryPath>
 * </mailet>
 * <!-- only some reasons -->
 * <mailet match="dev.postino.matchers.HasDangerousAttachment=EXECUTABLE_CONTENT,DOUBLE_EXTENSION" class="Null"/>
 * }</pre>
 */
public class HasDangerousAttachment extends GenericMatcher {

    private static final Logger LOGGER = LoggerFactory.getLogger(HasDangerousAttachment.class);

    private Set<String> codes = Set.of();

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        List<String> wanted = ParameterValues.list(condition).stream().map(code -> code.toUpperCase(Locale.ROOT)).toList();
        for (String code : wanted) {
            try {
                ReasonCode.valueOf(code);
            } catch (IllegalArgumentException unknown) {
                throw new MessagingException(ParameterValues.invalid("HasDangerousAttachment condition", condition,
                    "unknown reason code '" + code + "'; known: " + Arrays.toString(ReasonCode.values())).getMessage());
            }
        }
        codes = Set.copyOf(wanted);
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean dangerous;
        Set<String> found;
        if (AttachmentVerdictAttributes.verdict(mail).isPresent()) {
            dangerous = AttachmentVerdictAttributes.isDangerous(mail);
            found = AttachmentVerdictAttributes.blockingFindings(mail).stream()
                .map(AttachmentVerdictAttributes.StoredFinding::code).collect(Collectors.toSet());
        } else {
            InspectionReport report = MailInspection.inspectWithDefaults(mail);
            LOGGER.debug("No stored attachment verdict on {}: inspected it, verdict {}", mail.getName(), report.verdict());
            dangerous = report.dangerous();
            found = report.findings().stream().filter(finding -> finding.action() == Action.BLOCK)
                .map(finding -> finding.code().name()).collect(Collectors.toSet());
        }
        if (!dangerous) {
            return List.of();
        }
        if (!codes.isEmpty() && found.stream().noneMatch(codes::contains)) {
            return List.of();
        }
        return mail.getRecipients();
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mails whose attachments were judged dangerous";
    }
}
