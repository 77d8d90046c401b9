package dev.postino.mailets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postino.PostinoVersion;
import dev.postino.parameters.ParameterValues;
import dev.postino.subject.LengthUnit;
import dev.postino.subject.SubjectField;
import dev.postino.subject.SubjectMeasure;
import dev.postino.subject.SubjectTruncator;
import dev.postino.subject.TruncationOutcome;

/**
 * Cuts a too-long Subject after its last whole character that fits, appends a marker and writes
 * it back as valid RFC 2047.
 *
 * <pre>{@code
 * <mailet match="All" class="dev.postino.mailets.TruncateSubject">
 *   <maxLength>200</maxLength>          <!-- default 200 -->
 *   <unit>characters</unit>             <!-- characters (default) | bytes -->
 *   <marker>…</marker>                  <!-- default "…" (U+2026); counted inside maxLength -->
 *   <traceHeader>false</traceHeader>    <!-- true: add X-Postino-Subject-Truncated -->
 * </mailet>
 * }</pre>
 * {@code maxLength} is a whole number from 1; {@code traceHeader} is {@code true}, {@code false},
 * {@code yes} or {@code no}, as every Postino boolean ({@link ParameterValues}).
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>{@code unit=characters}: when the decoded Subject has more than {@code maxLength}
 *       user-perceived characters (Unicode extended grapheme clusters: an emoji ZWJ sequence, a
 *       flag, a skin-tone emoji, a letter with combining accents, a Devanagari syllable each count
 *       as one), it keeps the longest prefix that ends between two such characters and leaves
 *       room for the marker, so the result is at most {@code maxLength} characters, marker
 *       included.</li>
 *   <li>{@code unit=bytes}: when the whole {@code Subject:} field on the wire (encoded words and
 *       folds included) is longer than {@code maxLength} bytes, the new field is at most
 *       {@code maxLength} bytes. A Subject that only needs a compact re-encoding to fit is
 *       re-encoded without being cut.</li>
 *   <li>The Subject is decoded leniently first, as mail clients do (malformed or split encoded
 *       words, mixed charsets, ISO-2022-JP, windows-1252 labelled ISO-8859-1, raw 8-bit or UTF-8,
 *       stray CR/LF); the result keeps the original charset when it can represent the new text,
 *       else UTF-8, with encoded words of at most 75 characters and lines of at most 78; plain
 *       ASCII stays unencoded.</li>
 *   <li>Several Subject headers: each is handled on its own, their order is kept, and a line
 *       is logged. No
 *       Subject: nothing happens. A Subject within the budget is left byte for byte as it was.</li>
 *   <li>Each cut logs one INFO line (mail name, lengths before and after, SHA-256 of the original)
 *       and sets the mail attributes {@code postino.subject.originalLength} (characters),
 *       {@code postino.subject.originalBytes}, {@code postino.subject.originalSha256},
 *       {@code postino.subject.newLength}, {@code postino.subject.newBytes} (for the first Subject
 *       changed) and {@code postino.subject.truncatedHeaders} (how many). The original text is
 *       never logged nor stored: it may be a 3 KB spam payload or personal data; the hash lets an
 *       admin tie a complaint to a log line.</li>
 *   <li>Only header lines are read and written; the body is never read. The cost is linear in the
 *       size of the header.</li>
 * </ul>
 *
 * <h2>Why 200 characters by default</h2>
 * RFC 5322's 78 and 998 are limits on a <em>line</em>, not on a Subject: folding and RFC 2047
 * encoded words keep every line short however long the text is, so they do not bound the
 * Subject (this mailet folds to 78 itself). The practical anchors are: Gmail rejects a Subject
 * over 998 characters; Exchange's EWS Subject holds 255 characters (and MAPI advises 128 bytes);
 * clients show roughly 40 to 130 characters in a message list and wrap a few lines more in the
 * reading pane. 200 is far beyond any legitimate Subject a reader can take in, keeps every cut
 * Subject below Gmail's and Exchange's limits with room for replies' {@code Re: Fwd: } prefixes,
 * and still removes over 90% of a 3501-byte spam payload like the one that motivated this mailet.
 * Use {@code unit=bytes} with e.g. 998 to enforce a wire size instead.
 *
 * <h2>Where to put it: DKIM</h2>
 * A rewritten Subject breaks a DKIM signature that covers it (RFC 6376 §5.4.1 recommends signing
 * Subject). On inbound mail put this mailet <em>after</em> {@code DKIMVerify}, so the verdict is
 * taken on the message as signed; on outbound mail put it <em>before</em> {@code DKIMSign}, so
 * the signature covers the cut Subject. In James's default {@code mailetcontainer.xml} that is the
 * {@code transport} processor after the {@code RemoveMimeHeader} mailets and before routing
 * (DKIMSign belongs at the end of {@code relay}).
 */
public class TruncateSubject extends GenericMailet {

    public static final String MAX_LENGTH = "maxLength";
    public static final String UNIT = "unit";
    public static final String MARKER = "marker";
    public static final String TRACE_HEADER = "traceHeader";
    /** The header field {@code traceHeader=true} adds. */
    public static final String TRACE_FIELD = "X-Postino-Subject-Truncated";
    public static final AttributeName ORIGINAL_LENGTH = AttributeName.of("postino.subject.originalLength");
    public static final AttributeName ORIGINAL_BYTES = AttributeName.of("postino.subject.originalBytes");
    public static final AttributeName ORIGINAL_SHA256 = AttributeName.of("postino.subject.originalSha256");
    public static final AttributeName NEW_LENGTH = AttributeName.of("postino.subject.newLength");
    public static final AttributeName NEW_BYTES = AttributeName.of("postino.subject.newBytes");
    public static final AttributeName TRUNCATED_HEADERS = AttributeName.of("postino.subject.truncatedHeaders");

    private static final Logger LOGGER = LoggerFactory.getLogger(TruncateSubject.class);
    private static final String[] SUBJECT = {SubjectMeasure.FIELD};

    private final MetricFactory metrics;
    private SubjectTruncator truncator;
    private boolean traceHeader;

    @Inject
    public TruncateSubject(MetricFactory metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(MAX_LENGTH, UNIT, MARKER, TRACE_HEADER));
        try {
            LengthUnit unit = LengthUnit.parse(getInitParameter(UNIT, SubjectTruncator.DEFAULT_UNIT.label()));
            int maxLength = (int) ParameterValues.positive(MAX_LENGTH,
                getInitParameter(MAX_LENGTH, String.valueOf(SubjectTruncator.DEFAULT_MAX_LENGTH)), Integer.MAX_VALUE);
            truncator = new SubjectTruncator(maxLength, unit, getInitParameter(MARKER, SubjectTruncator.DEFAULT_MARKER));
            traceHeader = ParameterValues.bool(TRACE_HEADER, getInitParameter(TRACE_HEADER), false);
        } catch (IllegalArgumentException e) {
            throw new MessagingException("TruncateSubject: " + e.getMessage());
        }
        LOGGER.info("TruncateSubject {} started: Subjects over {} {} cut, marker '{}', trace header {}",
            PostinoVersion.current(), truncator.maxLength(), truncator.unit().label(), truncator.marker(),
            traceHeader ? TRACE_FIELD : "off");
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        if (message == null) {
            return;
        }
        Enumeration<String> found = message.getMatchingHeaderLines(SUBJECT);
        List<String> lines = found == null ? List.of() : Collections.list(found);
        if (lines.isEmpty() || lines.stream().map(SubjectField::parse).allMatch(truncator::certainlyWithin)) {
            return;
        }
        List<TruncationOutcome> outcomes = new ArrayList<>(lines.size());
        for (String line : lines) {
            outcomes.add(apply(mail, line));
        }
        List<TruncationOutcome> changed = outcomes.stream().filter(TruncationOutcome::changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        if (lines.size() > 1) {
            LOGGER.info("TruncateSubject: mail {} has {} Subject headers; the policy was applied to each, {} changed",
                mail.getName(), lines.size(), changed.size());
        }
        // setHeader rewrites the first Subject in place and drops the others; addHeader then
        // inserts right after it. The Subjects keep their order, the first (usually the only one,
        // RFC 5322 allows one) its exact position.
        message.setHeader(SubjectMeasure.FIELD, outcomes.get(0).newValue());
        for (TruncationOutcome outcome : outcomes.subList(1, outcomes.size())) {
            message.addHeader(SubjectMeasure.FIELD, outcome.newValue());
        }
        record(mail, message, changed);
    }

    private TruncationOutcome apply(Mail mail, String line) {
        SubjectField field = SubjectField.parse(line);
        TruncationOutcome outcome;
        try {
            outcome = truncator.apply(field);
        } catch (RuntimeException e) {
            // A defined verdict, never an escaped exception: an unexpected Subject is left alone.
            metrics.generate(MetricNames.SUBJECT_FAILURES).increment();
            LOGGER.warn("TruncateSubject: mail {}: could not process a Subject of {} bytes, left unchanged",
                mail.getName(), field.wireBytes(), e);
            return TruncationOutcome.leftAlone(field);
        }
        if (outcome.changed()) {
            metrics.generate(outcome.verdict() == TruncationOutcome.Verdict.TRUNCATED
                ? MetricNames.SUBJECT_TRUNCATED : MetricNames.SUBJECT_REENCODED).increment();
            LOGGER.info("TruncateSubject: mail {}: Subject {} from {} to {} characters, {} to {} bytes (limit {} {}), original sha256 {}",
                mail.getName(), outcome.verdict() == TruncationOutcome.Verdict.TRUNCATED ? "cut" : "re-encoded",
                outcome.before().characters(), outcome.after().characters(),
                outcome.before().bytes(), outcome.after().bytes(),
                truncator.maxLength(), truncator.unit().label(), outcome.originalSha256());
        }
        return outcome;
    }

    private void record(Mail mail, MimeMessage message, List<TruncationOutcome> changed) throws MessagingException {
        TruncationOutcome first = changed.get(0);
        mail.setAttribute(new Attribute(ORIGINAL_LENGTH, AttributeValue.of(first.before().characters())));
        mail.setAttribute(new Attribute(ORIGINAL_BYTES, AttributeValue.of(first.before().bytes())));
        mail.setAttribute(new Attribute(ORIGINAL_SHA256, AttributeValue.of(first.originalSha256())));
        mail.setAttribute(new Attribute(NEW_LENGTH, AttributeValue.of(first.after().characters())));
        mail.setAttribute(new Attribute(NEW_BYTES, AttributeValue.of(first.after().bytes())));
        mail.setAttribute(new Attribute(TRUNCATED_HEADERS, AttributeValue.of(changed.size())));
        if (traceHeader) {
            message.setHeader(TRACE_FIELD, first.before().characters() + " characters, "
                + first.before().bytes() + " bytes; sha256=" + first.originalSha256());
        }
    }

    @Override
    public String getMailetInfo() {
        return "TruncateSubject: cut Subjects over " + truncator.maxLength() + " " + truncator.unit().label();
    }
}
