package dev.postino.sandbox.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

import dev.postino.sandbox.Delivery;
import dev.postino.sandbox.DeliveryRecorder;
import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.HeldMailRelease;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.QueuedMail;
import dev.postino.sandbox.SandboxConfigurationException;
import dev.postino.sandbox.SandboxMails;
import dev.postino.sandbox.TraceStep;
import dev.postino.subject.SubjectDecoder;

/**
 * Runs one message through a fresh sandbox at its arrival time, lets every delay expire, and
 * collects what happened into a {@link MessageReport}.
 */
final class MessageRun {
    /** Long enough for any hold the delay rules can produce (a long holiday weekend). */
    private static final Duration LET_DELAYS_EXPIRE = Duration.ofDays(10);

    private final Path config;
    private final List<String> localDomains;
    private final boolean distributed;

    /**
     * @param distributed run every message on a mail queue that ignores delays, as James's distributed
     *     server does, with the release-held job every minute (a sample asks for it with
     *     {@code server = distributed} in its envelope file)
     */
    MessageRun(Path config, List<String> localDomains, boolean distributed) {
        this.config = config;
        this.localDomains = localDomains;
        this.distributed = distributed;
    }

    MessageReport run(Path eml, Optional<ZonedDateTime> atOverride) throws SandboxConfigurationException, BadInputException {
        byte[] bytes = readMessage(eml);
        MimeMessage message;
        Envelope envelope;
        try {
            message = SandboxMails.parse(bytes);
            envelope = Envelope.forMessage(message, Optional.of(sidecarOf(eml)));
        } catch (MessagingException | IOException | IllegalArgumentException e) {
            throw new BadInputException(eml + ": " + e.getMessage());
        }
        if (envelope.recipients().isEmpty()) {
            throw new BadInputException(eml + ": no recipient (no To/Cc/Bcc header and no 'to' in "
                + sidecarOf(eml).getFileName() + ")");
        }
        ZonedDateTime at = atOverride.or(envelope::at).orElse(JamesTestBed.DEFAULT_START);
        JamesTestBed.Builder builder = JamesTestBed.builder().configFile(config)
            .localDomains(localDomains.toArray(String[]::new)).startAt(at);
        if (distributed || "distributed".equals(sidecarProperty(eml, "server"))) {
            builder.queueIgnoringDelays().releasingHeldMail();
        }
        try (JamesTestBed bed = builder.build()) {
            Mail mail = SandboxMails.fromMessage(message, envelope);
            bed.send(mail);
            List<QueuedMail> queuedBeforeDelays = bed.queue().history();
            bed.advanceBy(LET_DELAYS_EXPIRE);
            return report(eml, message, envelope, at, mail, bed, queuedBeforeDelays);
        } catch (MessagingException e) {
            throw new BadInputException(eml + ": James could not process it: " + e.getMessage());
        }
    }

    private static byte[] readMessage(Path eml) throws BadInputException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(eml);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + eml + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        String firstLine = head.lines().findFirst().orElse("");
        if (!firstLine.matches("^[!-9;-~]+:.*") && !firstLine.startsWith("From ")) {
            throw new BadInputException(eml + " is not an RFC 5322 message: it does not start with a header field");
        }
        if (!head.matches("(?is)(^|.*\\n)from:.*")) {
            throw new BadInputException(eml + " is not an RFC 5322 message: it has no From header field");
        }
        return bytes;
    }

    private static String sidecarProperty(Path eml, String name) throws BadInputException {
        Path sidecar = sidecarOf(eml);
        if (!Files.isRegularFile(sidecar)) {
            return null;
        }
        java.util.Properties properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(sidecar, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + sidecar + ": " + e.getMessage());
        }
        String value = properties.getProperty(name);
        return value == null ? null : value.strip();
    }

    static Path sidecarOf(Path eml) {
        String name = eml.getFileName().toString();
        String base = name.endsWith(".eml") ? name.substring(0, name.length() - 4) : name;
        return eml.resolveSibling(base + ".envelope");
    }

    private static MessageReport report(Path eml, MimeMessage message, Envelope envelope, ZonedDateTime at, Mail mail,
                                        JamesTestBed bed, List<QueuedMail> queuedBeforeDelays) throws MessagingException {
        // What Postino recorded about this message: the original's attributes first, then what its
        // copies (split, delayed, stored) add. Mails a mailet wrote (notices, letters) are other
        // messages and have their own attributes.
        Map<String, String> attributes = new TreeMap<>(DeliveryRecorder.postinoAttributes(mail));
        // One line per Postino matcher or mailet and processor: a class runs again on each split
        // and on each re-enqueued copy, and the reader wants what it did, not how often.
        Map<String, MessageReport.Step> steps = new java.util.LinkedHashMap<>();
        for (TraceStep step : bed.trace()) {
            if (!step.isPostino()
                    || step.kind() == TraceStep.Kind.MATCHER && step.matched().isEmpty() && step.error().isEmpty()) {
                continue;
            }
            String key = step.processor() + "/" + step.kind() + "/" + step.className();
            MessageReport.Step previous = steps.get(key);
            Set<String> matched = new LinkedHashSet<>(previous == null ? List.of() : previous.matched());
            step.matched().forEach(address -> matched.add(address.asString()));
            steps.put(key, new MessageReport.Step(step.processor(), step.kind().name().toLowerCase(), step.simpleClassName(),
                List.copyOf(matched), previous != null && previous.error().isPresent() ? previous.error() : step.error()));
        }
        List<MessageReport.Outcome> outcomes = new ArrayList<>();
        Set<String> reached = new LinkedHashSet<>();
        for (Delivery delivery : bed.deliveries()) {
            if (sameMessage(delivery.message(), message)) {
                delivery.postinoAttributes().forEach(attributes::putIfAbsent);
            }
            List<String> to = delivery.recipients().stream().map(MailAddress::asString).toList();
            if (delivery.kind() != Delivery.Kind.BOUNCE) {
                reached.addAll(to);
            }
            outcomes.add(new MessageReport.Outcome(switch (delivery.kind()) {
                case LOCAL -> "delivered";
                case REMOTE -> "relayed";
                case BOUNCE -> "bounce";
            }, to, delivery.at().atZone(at.getZone()), Optional.empty(), subjectOf(delivery.message()),
                delivery.message().getHeader("X-Postino-Quarantine-Id") == null ? List.of()
                    : List.of(delivery.message().getHeader("X-Postino-Quarantine-Id")[0])));
        }
        for (String url : bed.nonEmptyRepositories()) {
            for (Mail stored : bed.repository(url)) {
                if (sameMessage(stored.getMessage(), message)) {
                    DeliveryRecorder.postinoAttributes(stored).forEach(attributes::putIfAbsent);
                }
                outcomes.add(new MessageReport.Outcome("stored", stored.getRecipients().stream().map(MailAddress::asString).toList(),
                    null, Optional.of(url), subjectOf(stored.getMessage()), List.of()));
            }
        }
        List<MessageReport.SentMail> sent = new ArrayList<>();
        for (QueuedMail queued : bed.queue().history()) {
            if (sameMessage(queued.mail().getMessage(), message)) {
                DeliveryRecorder.postinoAttributes(queued.mail()).forEach(attributes::putIfAbsent);
            }
            List<String> to = queued.mail().getRecipients().stream().map(MailAddress::asString).toList();
            if (queued.delayed()) {
                outcomes.add(new MessageReport.Outcome("held", to, queued.dueAt().atZone(at.getZone()),
                    Optional.of(queued.state()), subjectOf(queued.mail().getMessage()),
                    List.of("+" + queued.delay().toSeconds() + "s")));
            } else if (queued.sentByMailet() && !sameMessage(queued.mail().getMessage(), message)) {
                sent.add(new MessageReport.SentMail(
                    queued.mail().getMaybeSender().asString(), to, subjectOf(queued.mail().getMessage()),
                    MessageReport.bodyPreview(queued.mail().getMessage())));
            }
        }
        for (HeldMailRelease.Released released : bed.heldMailRelease().map(HeldMailRelease::history).orElse(List.of())) {
            outcomes.add(new MessageReport.Outcome("held", released.recipients().stream().map(MailAddress::asString).toList(),
                released.bucketDueBy().atZone(at.getZone()), Optional.of(released.bucket()), subjectOf(message),
                List.of("(released by release-held at " + MessageReport.TIME.format(released.at().atZone(at.getZone())) + ")")));
        }
        Set<String> notReached = new LinkedHashSet<>();
        envelope.recipients().forEach(r -> notReached.add(r.asString()));
        notReached.removeAll(reached);
        int errors = bed.errors().size();
        return new MessageReport(eml.getFileName().toString(), envelope.description(), subjectOf(message),
            envelope.sender().map(MailAddress::asString).orElse("<>"),
            envelope.recipients().stream().map(MailAddress::asString).toList(), at, List.copyOf(steps.values()), attributes, outcomes,
            sent, List.copyOf(notReached), errors);
    }

    private static boolean sameMessage(MimeMessage a, MimeMessage b) throws MessagingException {
        String idA = a.getMessageID();
        String idB = b.getMessageID();
        return idA != null && idA.equals(idB);
    }

    /** Decoded as every feature decodes it, so the report shows the Subject the matchers and mailets saw. */
    static String subjectOf(MimeMessage message) throws MessagingException {
        return SubjectDecoder.decode(message.getHeader("Subject", null)).text().replaceAll("[\\r\\n\\t]+", " ");
    }

    /** A message file that cannot be run, with a one-line reason. */
    static final class BadInputException extends Exception {
        private static final long serialVersionUID = 1L;

        BadInputException(String message) {
            super(message);
        }
    }
}
