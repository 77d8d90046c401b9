package dev.postino.matchers;

import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import dev.postino.parameters.ParameterValues;
import dev.postino.subject.Graphemes;
import dev.postino.subject.LengthUnit;
import dev.postino.subject.SubjectDecoder;
import dev.postino.subject.SubjectField;
import dev.postino.subject.SubjectMeasure;

/**
 * Matches mail with a Subject longer than a limit, in user-perceived characters of the decoded
 * text or in bytes of the raw header field.
 *
 * <pre>{@code
 * <!-- more than 200 characters (extended grapheme clusters, after RFC 2047 decoding) -->
 * <mailet match="dev.postino.matchers.SubjectLongerThan=200" class="dev.postino.mailets.TruncateSubject"/>
 * <!-- the raw "Subject:" field, encoded words and folds included, is more than 998 bytes -->
 * <mailet match="dev.postino.matchers.SubjectLongerThan=998 bytes" class="ToProcessor">
 *   <processor>long-subject</processor>
 * </mailet>
 * }</pre>
 *
 * <p>Condition: {@code N} or {@code N characters} counts characters as a reader sees them (an
 * emoji with its skin tone, a flag or an accented letter is one), using the same lenient decoding
 * as {@code TruncateSubject}; {@code N bytes} counts the bytes of the whole field on the wire
 * (name, colon, encoded words, folding), which is what {@code Subject} limits in MTAs and
 * Gmail's 998 are about. {@code N} is a positive integer; no default — the condition is required.
 * A mail with several Subject headers matches when any of them is longer; a mail without one
 * never matches. Matches all recipients.
 *
 * <p>Only the header lines are read, never the body, and the cost is linear in the header size.
 * Use it to route, tag ({@code AddSubjectPrefix}, {@code SetMailAttribute}) or reject
 * long-subject mail with James's standard mailets, or to run {@code TruncateSubject} only when
 * needed.
 */
public class SubjectLongerThan extends GenericMatcher {

    private static final Pattern CONDITION =
        Pattern.compile("\\s*(\\d{1,9})\\s*(characters|character|chars|bytes|byte)?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final String[] SUBJECT = {SubjectMeasure.FIELD};

    private int limit;
    private LengthUnit unit;

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        Matcher m = CONDITION.matcher(condition == null ? "" : condition);
        if (!m.matches() || Integer.parseInt(m.group(1)) <= 0) {
            throw new MessagingException(ParameterValues.invalid("SubjectLongerThan condition", condition,
                "expected N or N bytes with N a whole number from 1, e.g. SubjectLongerThan=200").getMessage());
        }
        limit = Integer.parseInt(m.group(1));
        unit = m.group(2) == null ? LengthUnit.CHARACTERS : LengthUnit.parse(m.group(2));
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (message == null) {
            return null;
        }
        for (String line : subjectLines(message)) {
            SubjectField field = SubjectField.parse(line);
            // Decoding never yields more characters than the raw value has, so a raw value of at
            // most N chars needs no decoding to be known short.
            boolean longer = unit == LengthUnit.BYTES
                ? field.wireBytes() > limit
                : field.value().length() > limit
                    && Graphemes.countUpTo(SubjectDecoder.decode(field.value()).text(), limit + 1) > limit;
            if (longer) {
                return mail.getRecipients();
            }
        }
        return null;
    }

    /** The raw Subject fields: header lines only, the body is never touched. */
    static List<String> subjectLines(MimeMessage message) throws MessagingException {
        Enumeration<String> lines = message.getMatchingHeaderLines(SUBJECT);
        return lines == null ? List.of() : Collections.list(lines);
    }

    @Override
    public String getMatcherInfo() {
        return "SubjectLongerThan: Subject over " + limit + " " + unit.name().toLowerCase(Locale.ROOT);
    }
}
