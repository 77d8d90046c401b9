package dev.postino.sandbox.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import dev.postino.sandbox.Envelope;
import dev.postino.sandbox.JamesTestBed;
import dev.postino.sandbox.SandboxMails;

/**
 * The samples must be mail a real James accepts over SMTP as their envelope says: its shipped
 * {@code smtpserver.xml} has {@code verifyIdentity} on, which refuses an authenticated mail whose
 * From header names someone other than the user (the real-server check met it with a forwarded
 * report and an internationalised address).
 */
class SampleEnvelopesTest {

    @Test
    void everyAuthenticatedSampleIsFromItsOwnUser() throws Exception {
        List<Path> samples;
        try (var files = Files.list(JamesTestBed.projectFile("samples"))) {
            samples = files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        int authenticated = 0;
        for (Path eml : samples) {
            MimeMessage message = SandboxMails.parse(Files.readAllBytes(eml));
            Envelope envelope = Envelope.forMessage(message,
                Optional.of(eml.resolveSibling(eml.getFileName().toString().replace(".eml", ".envelope"))));
            if (envelope.authenticatedUser().isEmpty()) {
                continue;
            }
            authenticated++;
            String user = envelope.authenticatedUser().get().toLowerCase(Locale.ROOT);
            List<String> from = Arrays.stream(InternetAddress.parseHeader(message.getHeader("From", ","), false))
                .map(address -> address.getAddress().toLowerCase(Locale.ROOT)).toList();
            assertThat(from).as("%s: From for the AUTH user %s (else: network = authorized)", eml.getFileName(), user)
                .containsExactly(user);
            assertThat(envelope.fromAuthorizedNetwork()).as("%s: auth and network", eml.getFileName()).isFalse();
        }
        assertThat(authenticated).isGreaterThan(5);
    }
}
