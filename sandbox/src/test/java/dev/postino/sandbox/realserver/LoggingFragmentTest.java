package dev.postino.sandbox.realserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.postino.mailets.DropReceipt;
import dev.postino.mailets.ProductivityDelay;
import dev.postino.sandbox.JamesTestBed;

/**
 * James's shipped logback.xml discards INFO from any logger outside org.apache.james, which hid
 * Postino's whole audit trail on the real server. The documented fix is one line,
 * conf-samples/logback-postino.xml, added to James's file: here it is added to the levels James
 * ships (root WARN, org.apache.james INFO) and read by logback itself.
 */
class LoggingFragmentTest {

    private static LoggerContext jamesLevels(String extra) throws Exception {
        String xml = "<configuration><root level=\"WARN\"/><logger name=\"org.apache.james\" level=\"INFO\"/>"
            + extra + "</configuration>";
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return context;
    }

    @Test
    void withJamesLevelsAloneAuditLinesAreLost() throws Exception {
        LoggerContext james = jamesLevels("");
        assertThat(james.getLogger(DropReceipt.class).isInfoEnabled()).isFalse();
        assertThat(james.getLogger(ProductivityDelay.class).isWarnEnabled()).isTrue();
    }

    @Test
    void theDocumentedLineShowsEveryPostinoAuditLineAndNothingElse() throws Exception {
        String fragment = Files.readString(JamesTestBed.projectFile("conf-samples/logback-postino.xml"))
            .replaceAll("(?s)<!--.*?-->", "").strip();
        assertThat(fragment).isEqualTo("<logger name=\"dev.postino\" level=\"INFO\"/>");

        LoggerContext james = jamesLevels(fragment);

        assertThat(james.getLogger(DropReceipt.class).isInfoEnabled()).isTrue();
        assertThat(james.getLogger(ProductivityDelay.class).isInfoEnabled()).isTrue();
        assertThat(james.getLogger(DropReceipt.class).isDebugEnabled()).isFalse();
        assertThat(james.getLogger("com.example.Other").isInfoEnabled()).isFalse();
    }
}
